-- Minutes of a meeting (issue 14, protocol §16, D23): the secretary's texts while DRAFT; the frozen PDF from approval on,
-- replaced by each signed revision (every revision an incremental update of the one before, so the frozen bytes stay a prefix).
create table minutes (
  meeting_id    uuid primary key references meeting (id),
  state         text not null default 'DRAFT' check (state in ('DRAFT', 'FINAL', 'SIGNED_BY_SECRETARY', 'SIGNED')),
  texts         jsonb not null default '{}',
  edits         integer not null default 0,
  language      text check (language in ('VI', 'EN')),
  pdf           bytea,
  final_sha256  bytea,
  pdf_sha256    bytea,
  approved_by   uuid references account (id),
  approved_at   timestamptz,
  check ((state = 'DRAFT') = (pdf is null))
);

create table minutes_signature (
  meeting_id  uuid not null references minutes (meeting_id),
  position    integer not null check (position in (1, 2)),
  signer      uuid not null references account (id),
  role        text not null check (role in ('SECRETARY', 'CHAIR')),
  signed_at   timestamptz not null default now(),
  pdf_sha256  bytea not null,
  certificate text not null,
  primary key (meeting_id, position)
);
