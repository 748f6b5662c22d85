-- Meeting documents: content-addressed PDF blobs stored in chunks, documents with versions and access rules,
-- per-page text for search (accent-folded), cached thumbnails.

create table blob (
  sha256      bytea primary key,
  size        bigint not null,
  chunk_bytes integer not null,
  created_at  timestamptz not null default now()
);

create table blob_chunk (
  sha256 bytea not null references blob (sha256) on delete cascade,
  idx    integer not null,
  data   bytea not null,
  primary key (sha256, idx)
);

create table document (
  id              uuid primary key,
  meeting_id      uuid not null references meeting (id) on delete cascade,
  title           text not null,
  access          text not null check (access in ('EVERYONE', 'ROLES', 'PEOPLE', 'CONFIDENTIAL')),
  access_roles    text[] not null default '{}',
  access_people   uuid[] not null default '{}',
  current_version integer not null,
  created_by      uuid references account (id),
  created_at      timestamptz not null default now()
);
create index document_meeting on document (meeting_id);

create table document_agenda_item (
  document_id    uuid not null references document (id) on delete cascade,
  agenda_item_id uuid not null references agenda_item (id) on delete cascade,
  primary key (document_id, agenda_item_id)
);

create table document_version (
  document_id  uuid not null references document (id) on delete cascade,
  version      integer not null,
  sha256       bytea not null references blob (sha256),
  size         bigint not null,
  page_count   integer not null,
  filename     text not null,
  change_note  text,
  signatures   text not null,
  uploaded_by  uuid references account (id),
  uploaded_at  timestamptz not null default now(),
  primary key (document_id, version)
);

-- Text of each page of a blob; folded = accent-free lower-case words, so "ngân sách" and "ngan sach" both match.
create table document_page (
  sha256 bytea not null references blob (sha256) on delete cascade,
  page   integer not null,
  width  real not null,
  height real not null,
  text   text not null,
  folded tsvector not null,
  primary key (sha256, page)
);
create index document_page_search on document_page using gin (folded);

create table thumbnail (
  sha256 bytea not null references blob (sha256) on delete cascade,
  page   integer not null,
  width  integer not null,
  png    bytea not null,
  primary key (sha256, page, width)
);
