-- Annotations (ghi chú trên tài liệu, protocol §14, D19, D21): every accepted operation once (same annotation id and
-- stamp = the same operation, stored once), and one row per annotation with what queries need (document, page,
-- author, erased, the meeting seq of its last change: the per-document cursor of annotation.sync). The merged state
-- is folded from the operations; operations never leave the server except as the views AN5 allows.

create table annotation (
  id          uuid primary key,
  meeting_id  uuid not null references meeting (id) on delete cascade,
  document_id uuid not null references document (id) on delete cascade,
  version     integer,
  page        integer,
  author      uuid references account (id),
  owner       uuid not null references account (id),
  erased      boolean not null default false,
  last_seq    bigint not null
);
create index annotation_document on annotation (document_id, last_seq);
create index annotation_author on annotation (meeting_id, author) where not erased;

create table annotation_op (
  annotation_id uuid not null references annotation (id) on delete cascade,
  stamp_ms      bigint not null,
  stamp_c       integer not null,
  device        text not null,
  by_account    uuid not null references account (id),
  seq           bigint not null,
  op            text not null,
  primary key (annotation_id, stamp_ms, stamp_c, device)
);
