-- Votes (docs/protocol.md §11, decisions D10/D12). Who voted and what was chosen are stored apart: poll_voter has
-- no choice, ballot has no voter, no timestamp and no serial, so the two cannot be joined back. named_vote exists
-- only for NAMED polls, where who chose what is public by design.
create table poll (
  id             uuid primary key,
  meeting_id     uuid not null references meeting (id) on delete cascade,
  agenda_item_id uuid references agenda_item (id) on delete set null,
  spec           text not null,
  status         text not null check (status in ('DRAFT', 'OPEN', 'CLOSED', 'CANCELLED')),
  created_at     timestamptz not null default now(),
  opened_at      timestamptz,
  closed_at      timestamptz,
  result         text
);
create index poll_meeting on poll (meeting_id, created_at);

-- Exactly once: the primary key is the final word on double voting (VT3).
create table poll_voter (
  poll_id    uuid not null references poll (id) on delete cascade,
  voter_id   uuid not null references account (id),
  cast_by    uuid not null references account (id),
  key_digest text,
  constraint poll_voter_pkey primary key (poll_id, voter_id)
);

create table ballot (
  poll_id uuid not null references poll (id) on delete cascade,
  receipt text not null,
  choice  text not null,
  weight  numeric not null check (weight > 0),
  constraint ballot_pkey primary key (poll_id, receipt)
);

create table named_vote (
  poll_id  uuid not null references poll (id) on delete cascade,
  voter_id uuid not null references account (id),
  choice   text not null,
  primary key (poll_id, voter_id)
);
