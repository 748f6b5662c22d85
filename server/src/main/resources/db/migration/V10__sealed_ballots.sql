-- Secret ballots a copy of the database cannot open (docs/decisions.md D24, protocol VT16). While a SECRET poll is
-- open its ballots are stored only here, sealed (AES-256-GCM, random nonce, one padded length per poll) under the
-- poll's key; the key is kept in the poll row only wrapped under the server's master key, which is a file and never in
-- the database. `tag` keeps receipts unique per poll (HMAC under the poll key). Closing the poll writes the plaintext
-- (unit) entries into `ballot` in a shuffled order, deletes these rows and erases the wrapped key.
alter table poll add column sealed_key bytea;

create table sealed_ballot (
  poll_id uuid not null references poll (id) on delete cascade,
  tag     bytea not null,
  sealed  bytea not null,
  constraint sealed_ballot_pkey primary key (poll_id, tag)
);
