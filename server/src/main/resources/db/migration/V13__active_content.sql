-- Active content found in an uploaded PDF (DU6, DU7): what kinds it carried, the links it holds, and, when Plenum
-- removed something and stores the cleaned copy as the version's content, the SHA-256 of the file as uploaded.
alter table document_version
  add column active_content  text[] not null default '{}',
  add column links           text[] not null default '{}',
  add column original_sha256 bytea;
