-- Votes, second part (docs/protocol.md §11, decisions D12/D13): vote weights, proxies, time limits, the visibility
-- of named votes, and the signed published result of a closed poll.
alter table participant add column vote_weight numeric not null default 1
  check (vote_weight > 0 and vote_weight <= 1000000);

-- Ủy quyền: an absent member's proxy held by another member (VT9). One proxy per giver; who registered it is audit
-- information (also in the ledger).
create table proxy (
  meeting_id    uuid not null references meeting (id) on delete cascade,
  giver_id      uuid not null references account (id),
  holder_id     uuid not null references account (id),
  registered_by uuid not null references account (id),
  constraint proxy_pkey primary key (meeting_id, giver_id),
  check (giver_id <> holder_id)
);
create index proxy_holder on proxy (meeting_id, holder_id);

alter table poll add column duration_seconds integer check (duration_seconds between 10 and 86400);
alter table poll add column closes_at timestamptz;
alter table poll add column named_visibility text not null default 'AFTER_CLOSE'
  check (named_visibility in ('LIVE', 'AFTER_CLOSE'));
-- The signed published list (plenum.poll-result.v1) as canonical JSON, written when the poll closes.
alter table poll add column published text;
create index poll_closing on poll (closes_at) where status = 'OPEN' and closes_at is not null;
