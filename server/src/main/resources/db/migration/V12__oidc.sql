-- Single sign-on with OpenID Connect (issue 16, D25).

-- Accounts created at a first sign-in have no Plenum password.
alter table account alter column password_hash drop not null;

-- Who someone is at a provider (issuer + sub), and the Plenum account that identity signs in as.
create table account_identity (
  issuer     text not null,
  subject    text not null,
  account_id uuid not null references account (id) on delete cascade,
  provider   text not null,
  linked_at  timestamptz not null default now(),
  linked_by  uuid references account (id) on delete set null,
  primary key (issuer, subject)
);
create index account_identity_account on account_identity (account_id);

-- A sign-in under way: created when the browser leaves for the provider, finished by the callback, consumed once by
-- POST /api/auth/oidc/complete from the same browser. State and browser binding are stored only as SHA-256 hashes.
create table auth_oidc_flow (
  state_hash    bytea primary key,
  binding_hash  bytea not null,
  provider      text not null,
  nonce         text not null,
  code_verifier text not null,
  expires_at    timestamptz not null,
  finished_at   timestamptz,
  account_id    uuid references account (id) on delete cascade,
  issuer        text,
  subject       text,
  op_sid        text,
  error_code    text,
  error_message text
);
create index auth_oidc_flow_binding on auth_oidc_flow (binding_hash);
create index auth_oidc_flow_expires on auth_oidc_flow (expires_at);

-- The provider's view of a Plenum login session: back-channel logout names it by sid or sub.
create table auth_oidc_session (
  session_id uuid primary key references auth_session (id) on delete cascade,
  provider   text not null,
  issuer     text not null,
  subject    text not null,
  op_sid     text
);
create index auth_oidc_session_sid on auth_oidc_session (issuer, op_sid);
create index auth_oidc_session_subject on auth_oidc_session (issuer, subject);
