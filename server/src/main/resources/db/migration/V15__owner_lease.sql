-- Issue 18, D42: what must happen once across the nodes of a cluster (closing timed polls, ...) is done by the node
-- holding that duty's lease. A lease is taken when free or expired and renewed by its holder; expiry is the
-- database's clock, so the nodes' clocks need not agree.
create table owner_lease (
  duty       text primary key,
  holder     text not null,
  expires_at timestamptz not null
);
