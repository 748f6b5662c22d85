package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.PlenumException;

/** Documents, their versions and their chunked, content-addressed contents in PostgreSQL. */
final class PgDocumentStore implements DocumentStore {
  private final Vertx vertx;

  PgDocumentStore(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Boolean> storeBlob(Tx tx, byte[] sha256, long size, Path file, int chunkBytes) {
    SqlClient c = Pg.sql(tx);
    return c.preparedQuery("insert into blob (sha256, size, chunk_bytes) values ($1, $2, $3) on conflict (sha256) do nothing returning sha256")
        .execute(Tuple.of(Buffer.buffer(sha256), size, chunkBytes))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true).setWrite(false))
              .compose(af -> copyChunks(c, af, sha256, size, chunkBytes, 0).eventually(af::close))
              .map(true);
        });
  }

  private Future<Void> copyChunks(SqlClient c, AsyncFile file, byte[] sha256, long size, int chunkBytes, int idx) {
    long offset = (long) idx * chunkBytes;
    if (offset >= size) {
      return Future.succeededFuture();
    }
    int length = (int) Math.min(chunkBytes, size - offset);
    return file.read(Buffer.buffer(length), 0, offset, length)
        .compose(buf -> c.preparedQuery("insert into blob_chunk (sha256, idx, data) values ($1, $2, $3)")
            .execute(Tuple.of(Buffer.buffer(sha256), idx, buf)))
        .compose(v -> copyChunks(c, file, sha256, size, chunkBytes, idx + 1));
  }

  @Override
  public Future<Integer> chunkBytes(Tx tx, byte[] sha256) {
    return Pg.sql(tx).preparedQuery("select chunk_bytes from blob where sha256 = $1").execute(Tuple.of(Buffer.buffer(sha256)))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  @Override
  public Future<Buffer> read(Tx tx, byte[] sha256, int chunkBytes, long from, int length) {
    int idx = (int) (from / chunkBytes);
    int inChunk = (int) (from % chunkBytes);
    int n = Math.min(length, chunkBytes - inChunk);
    return Pg.sql(tx).preparedQuery("select substring(data from $3 for $4) from blob_chunk where sha256 = $1 and idx = $2")
        .execute(Tuple.of(Buffer.buffer(sha256), idx, inChunk + 1, n))
        .map(rows -> rows.iterator().next().getBuffer(0));
  }

  @Override
  public Future<Boolean> hasPages(Tx tx, byte[] sha256) {
    return Pg.sql(tx).preparedQuery("select exists (select 1 from document_page where sha256 = $1)").execute(Tuple.of(Buffer.buffer(sha256)))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  @Override
  public Future<List<Page>> pageSizes(Tx tx, byte[] sha256) {
    return Pg.sql(tx).preparedQuery("select page, width, height from document_page where sha256 = $1 order by page")
        .execute(Tuple.of(Buffer.buffer(sha256))).map(rows -> {
          List<Page> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Page(r.getInteger(0), r.getFloat(1), r.getFloat(2), ""));
          }
          return out;
        });
  }

  @Override
  public Future<Void> storePages(Tx tx, byte[] sha256, List<Page> pages) {
    if (pages.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (Page p : pages) {
      String text = p.text().replace('\u0000', ' ');
      batch.add(Tuple.of(Buffer.buffer(sha256), p.number(), p.width(), p.height(), text, TextFolding.fold(text)));
    }
    return Pg.sql(tx).preparedQuery("insert into document_page (sha256, page, width, height, text, folded) values ($1, $2, $3, $4, $5, to_tsvector('simple', $6)) "
        + "on conflict do nothing").executeBatch(batch).mapEmpty();
  }

  @Override
  public Future<Void> insertDocument(Tx tx, UUID id, MeetingId meeting, String title, DocumentAccess access, UUID createdBy) {
    return Pg.sql(tx).preparedQuery("insert into document (id, meeting_id, title, access, access_roles, access_people, current_version, created_by) "
            + "values ($1, $2, $3, $4, $5, $6, 0, $7)")
        .execute(Tuple.of(id, meeting.value(), title, access.kind().name(), access.roles().stream().map(Enum::name).toArray(String[]::new),
            access.people().toArray(UUID[]::new), createdBy))
        .mapEmpty();
  }

  @Override
  public Future<Void> linkAgendaItems(Tx tx, MeetingId meeting, UUID document, List<UUID> items) {
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    SqlClient c = Pg.sql(tx);
    return c.preparedQuery("select count(*) from agenda_item where meeting_id = $1 and id = any($2)")
        .execute(Tuple.of(meeting.value(), (Object) items.toArray(UUID[]::new)))
        .compose(rows -> {
          if (rows.iterator().next().getLong(0) != new HashSet<>(items).size()) {
            return Future.failedFuture(PlenumException.notFound("An agenda item in 'agendaItemIds' is not in this meeting."));
          }
          List<Tuple> batch = new ArrayList<>();
          new HashSet<>(items).forEach(i -> batch.add(Tuple.of(document, i)));
          return c.preparedQuery("insert into document_agenda_item (document_id, agenda_item_id) values ($1, $2) on conflict do nothing")
              .executeBatch(batch).mapEmpty();
        });
  }

  @Override
  public Future<Integer> addVersion(Tx tx, UUID document, byte[] sha256, long size, int pages, String filename, String note,
                                    String signatures, UUID uploadedBy, Active active) {
    SqlClient c = Pg.sql(tx);
    return c.preparedQuery("update document set current_version = current_version + 1 where id = $1 returning current_version")
        .execute(Tuple.of(document))
        .compose(rows -> {
          int n = rows.iterator().next().getInteger(0);
          return c.preparedQuery("insert into document_version (document_id, version, sha256, size, page_count, filename, change_note, signatures, "
                  + "uploaded_by, active_content, links, original_sha256) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
              .execute(Tuple.of(document, n, Buffer.buffer(sha256), size, pages, filename, note).addValue(signatures).addValue(uploadedBy)
                  .addValue(active.kinds().toArray(String[]::new)).addValue(active.links().toArray(String[]::new))
                  .addValue(active.originalSha256() == null ? null : Buffer.buffer(active.originalSha256())))
              .map(n);
        });
  }

  @Override
  public Future<Void> setAccess(Tx tx, UUID document, DocumentAccess access) {
    return Pg.sql(tx).preparedQuery("update document set access = $2, access_roles = $3, access_people = $4 where id = $1")
        .execute(Tuple.of(document, access.kind().name(), access.roles().stream().map(Enum::name).toArray(String[]::new),
            access.people().toArray(UUID[]::new)))
        .mapEmpty();
  }

  private static final String DOC_SQL = "select d.id, d.meeting_id, d.title, d.access, d.access_roles, d.access_people, d.current_version, "
      + "coalesce((select array_agg(agenda_item_id) from document_agenda_item where document_id = d.id), '{}') as items from document d ";

  @Override
  public Future<List<Doc>> list(Tx tx, MeetingId meeting) {
    SqlClient c = Pg.sql(tx);
    return c.preparedQuery(DOC_SQL + "where d.meeting_id = $1 and d.current_version > 0 order by d.created_at, d.title")
        .execute(Tuple.of(meeting.value()))
        .compose(rows -> {
          List<Row> docs = new ArrayList<>();
          rows.forEach(docs::add);
          if (docs.isEmpty()) {
            return Future.succeededFuture(List.of());
          }
          UUID[] ids = docs.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
          return versions(c, ids).map(versions -> {
            List<Doc> out = new ArrayList<>();
            for (Row r : docs) {
              out.add(toDoc(r, versions.stream().filter(v -> v.doc().equals(r.getUUID("id"))).map(VersionRow::version).toList()));
            }
            return out;
          });
        });
  }

  @Override
  public Future<Doc> get(Tx tx, MeetingId meeting, UUID id) {
    return one(Pg.sql(tx), DOC_SQL + "where d.meeting_id = $1 and d.id = $2 and d.current_version > 0", meeting, id);
  }

  @Override
  public Future<Doc> getForUpdate(Tx tx, MeetingId meeting, UUID id) {
    return one(Pg.sql(tx), DOC_SQL + "where d.meeting_id = $1 and d.id = $2 for update of d", meeting, id);
  }

  private Future<Doc> one(SqlClient c, String sql, MeetingId meeting, UUID id) {
    return c.preparedQuery(sql).execute(Tuple.of(meeting.value(), id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(PlenumException.notFound("No document '" + id + "' in this meeting."));
          }
          Row r = rows.iterator().next();
          return versions(c, new UUID[] {id}).map(v -> toDoc(r, v.stream().map(VersionRow::version).toList()));
        });
  }

  private record VersionRow(UUID doc, Version version) {}

  private Future<List<VersionRow>> versions(SqlClient c, UUID[] docs) {
    return c.preparedQuery("select document_id, version, sha256, size, page_count, filename, change_note, signatures, uploaded_by, uploaded_at, "
            + "active_content, links, original_sha256 from document_version where document_id = any($1) order by document_id, version")
        .execute(Tuple.of(docs))
        .map(rows -> {
          List<VersionRow> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new VersionRow(r.getUUID("document_id"), new Version(r.getInteger("version"), r.getBuffer("sha256").getBytes(), r.getLong("size"),
                r.getInteger("page_count"), r.getString("filename"), r.getString("change_note"), r.getString("signatures"),
                r.getUUID("uploaded_by"), r.getOffsetDateTime("uploaded_at").toString(),
                new Active(List.of(r.getArrayOfStrings("active_content")), List.of(r.getArrayOfStrings("links")),
                    r.getBuffer("original_sha256") == null ? null : r.getBuffer("original_sha256").getBytes()))));
          }
          return out;
        });
  }

  private static Doc toDoc(Row r, List<Version> versions) {
    Set<Role> roles = new HashSet<>();
    for (String s : r.getArrayOfStrings("access_roles")) {
      roles.add(Role.valueOf(s));
    }
    Set<UUID> people = new HashSet<>(List.of(r.getArrayOfUUIDs("access_people")));
    List<UUID> items = List.of(r.getArrayOfUUIDs("items"));
    return new Doc(r.getUUID("id"), new MeetingId(r.getUUID("meeting_id")), r.getString("title"),
        new DocumentAccess(DocumentAccess.Kind.valueOf(r.getString("access")), roles, people), r.getInteger("current_version"), items,
        versions);
  }

  @Override
  public Future<List<Hit>> search(Tx tx, List<byte[]> blobs, String foldedQuery, int limit) {
    if (blobs.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Buffer[] hashes = blobs.stream().map(Buffer::buffer).toArray(Buffer[]::new);
    return Pg.sql(tx).preparedQuery("select sha256, page, text, ts_rank(folded, q) as rank from document_page, plainto_tsquery('simple', $2) q "
            + "where sha256 = any($1) and folded @@ q order by rank desc, page limit $3")
        .execute(Tuple.of(hashes, foldedQuery, limit))
        .map(rows -> {
          List<Hit> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Hit(HexFormat.of().formatHex(r.getBuffer("sha256").getBytes()), r.getInteger("page"), r.getString("text")));
          }
          return out;
        });
  }

  @Override
  public Future<Buffer> thumbnail(Tx tx, byte[] sha256, int page, int width) {
    return Pg.sql(tx).preparedQuery("select png from thumbnail where sha256 = $1 and page = $2 and width = $3")
        .execute(Tuple.of(Buffer.buffer(sha256), page, width))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBuffer(0));
  }

  @Override
  public Future<Void> putThumbnail(Tx tx, byte[] sha256, int page, int width, byte[] png) {
    return Pg.sql(tx).preparedQuery("insert into thumbnail (sha256, page, width, png) values ($1, $2, $3, $4) on conflict do nothing")
        .execute(Tuple.of(Buffer.buffer(sha256), page, width, Buffer.buffer(png))).mapEmpty();
  }
}
