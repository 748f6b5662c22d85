-- Live meeting: the per-meeting ledger (hash chain), agenda tree, attendance, invitations, speaker queue,
-- presentation (follow the chair).

create table meeting_clock (
  meeting_id uuid primary key references meeting (id) on delete cascade,
  seq        bigint not null default 0,
  head_hash  bytea not null
);
insert into meeting_clock (meeting_id, seq, head_hash) select id, 0, decode(repeat('00', 32), 'hex') from meeting;

-- Append-only. data is the exact canonical JSON text that was hashed (jsonb would reorder keys).
create table ledger_event (
  meeting_id uuid not null references meeting (id) on delete cascade,
  seq        bigint not null,
  type       text not null,
  audience   text not null,
  actor      uuid,
  at         timestamptz not null,
  data       text not null,
  prev_hash  bytea not null,
  hash       bytea not null,
  primary key (meeting_id, seq)
);

alter table meeting add column current_item uuid;
alter table meeting add column opened_at timestamptz;
alter table meeting add column closed_at timestamptz;

alter table agenda_item drop constraint agenda_item_meeting_id_position_key;
alter table agenda_item add column parent_id uuid references agenda_item (id) on delete cascade;
alter table agenda_item add column internal boolean not null default false;
create index agenda_item_meeting on agenda_item (meeting_id, parent_id, position);

alter table participant add column attendance text not null default 'ABSENT'
  check (attendance in ('ABSENT', 'PRESENT', 'EXCUSED', 'REMOTE'));
alter table participant add column attendance_room uuid references account (id);
alter table participant add column attendance_by uuid references account (id);
alter table participant add column attendance_at timestamptz;
alter table participant add column invitation text not null default 'PENDING'
  check (invitation in ('PENDING', 'ACCEPTED', 'DECLINED'));
alter table participant add column invitation_note text;

create table speaker_entry (
  id                 uuid primary key,
  meeting_id         uuid not null references meeting (id) on delete cascade,
  agenda_item_id     uuid references agenda_item (id) on delete set null,
  account_id         uuid not null references account (id),
  kind               text not null check (kind in ('SPEECH', 'POINT_OF_ORDER', 'QUESTION', 'REPLY')),
  status             text not null check (status in ('WAITING', 'SPEAKING', 'DONE', 'WITHDRAWN')),
  position           integer not null default 0,
  requested_at       timestamptz not null,
  started_at         timestamptz,
  ended_at           timestamptz,
  time_limit_seconds integer
);
create index speaker_entry_meeting on speaker_entry (meeting_id, status, position);
-- One open request per person and agenda item; one speaker at a time per meeting.
create unique index speaker_entry_one_waiting on speaker_entry (meeting_id, account_id) where status = 'WAITING';
create unique index speaker_entry_one_speaking on speaker_entry (meeting_id) where status = 'SPEAKING';

create table presentation (
  meeting_id uuid primary key references meeting (id) on delete cascade,
  presenter  uuid references account (id),
  document   text,
  page       integer,
  zoom       double precision,
  updated_at timestamptz not null default now()
);
