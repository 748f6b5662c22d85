-- Remote rooms (điểm cầu): ROOM accounts carry a room code and a district; the chair issues credentials for a
-- room's kiosk, WHIP encoder or WHEP decoder. Only the SHA-256 of a credential's secret is stored (RM5).

alter table account add column room_code text;
alter table account add column district text;
create unique index account_room_code_key on account (lower(room_code)) where room_code is not null;

create table room_credential (
  id           uuid primary key,
  meeting_id   uuid not null references meeting (id) on delete cascade,
  room_id      uuid not null references account (id),
  kind         text not null check (kind in ('KIOSK', 'WHIP', 'WHEP')),
  secret_hash  bytea not null,
  created_by   uuid references account (id),
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  revoked_at   timestamptz,
  revoked_by   uuid references account (id),
  last_used_at timestamptz
);
create index room_credential_room on room_credential (meeting_id, room_id);

-- A kiosk's login session remembers the credential it came from, so revoking the credential ends the session.
alter table auth_session add column room_credential_id uuid references room_credential (id) on delete cascade;
create index auth_session_room_credential on auth_session (room_credential_id) where room_credential_id is not null;
