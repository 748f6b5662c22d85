-- Foundation: accounts, meetings with agenda and participants, auth sessions, WebSocket tickets, signing keys.

create table account (
  id            uuid primary key,
  username      text not null,
  display_name  text not null,
  password_hash text not null,
  kind          text not null default 'PERSON' check (kind in ('PERSON', 'ROOM')),
  is_admin      boolean not null default false,
  disabled      boolean not null default false,
  created_at    timestamptz not null default now()
);
create unique index account_username_key on account (lower(username));

create table meeting (
  id          uuid primary key,
  title       text not null,
  status      text not null default 'SCHEDULED' check (status in ('SCHEDULED', 'OPEN', 'CLOSED', 'ARCHIVED')),
  starts_at   timestamptz,
  location    text,
  created_by  uuid references account (id),
  created_at  timestamptz not null default now()
);

create table agenda_item (
  id               uuid primary key,
  meeting_id       uuid not null references meeting (id) on delete cascade,
  position         integer not null,
  title            text not null,
  duration_minutes integer,
  unique (meeting_id, position)
);

create table participant (
  meeting_id   uuid not null references meeting (id) on delete cascade,
  account_id   uuid not null references account (id),
  role         text not null check (role in ('CHAIR', 'SECRETARY', 'DELEGATE', 'OBSERVER', 'REMOTE_ROOM')),
  voting_right boolean not null default false,
  added_at     timestamptz not null default now(),
  primary key (meeting_id, account_id)
);
create index participant_account on participant (account_id);

-- A login: one refresh-token family. The current refresh token is stored hashed; rotated-out tokens are kept
-- (hashed) so that presenting one again revokes the family (refresh-token reuse detection).
create table auth_session (
  id           uuid primary key,
  account_id   uuid not null references account (id),
  refresh_hash bytea not null unique,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  expires_at   timestamptz not null,
  revoked_at   timestamptz,
  address      text,
  user_agent   text
);
create index auth_session_account on auth_session (account_id);

create table auth_refresh_rotated (
  refresh_hash bytea primary key,
  session_id   uuid not null references auth_session (id) on delete cascade,
  rotated_at   timestamptz not null default now()
);

create table login_failure (
  username_key text not null,
  address      text not null,
  at           timestamptz not null default now()
);
create index login_failure_username on login_failure (username_key, at);
create index login_failure_address on login_failure (address, at);

create table ws_ticket (
  ticket_hash bytea primary key,
  account_id  uuid not null references account (id),
  session_id  uuid not null references auth_session (id) on delete cascade,
  meeting_id  uuid not null references meeting (id) on delete cascade,
  expires_at  timestamptz not null,
  used_at     timestamptz
);

create table signing_key (
  id          text primary key,
  algorithm   text not null,
  private_key bytea not null,
  public_key  bytea not null,
  created_at  timestamptz not null default now()
);

create table installation (
  key        text primary key,
  value      text not null,
  updated_at timestamptz not null default now()
);
