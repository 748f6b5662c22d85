package org.plenum.server.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;
import static org.plenum.server.testing.StoreDb.failure;
import static org.plenum.server.testing.StoreDb.stillWaiting;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.testing.StoreDb;

/** The contract of {@link DocumentStore}, on real PostgreSQL. */
class DocumentStoreContractIT {
  static final int CHUNK = 1000;
  static final Random RANDOM = new Random(7);

  static StoreDb pg;
  static DocumentStore store;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgDocumentStore(pg.vertx());
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  /** A file of {@code size} random bytes and its SHA-256. */
  record Content(Path file, byte[] bytes, byte[] sha256) {
    static Content random(int size) {
      byte[] bytes = new byte[size];
      RANDOM.nextBytes(bytes);
      try {
        Path file = Files.write(Files.createTempFile(dir, "content", ".pdf"), bytes);
        return new Content(file, bytes, MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (IOException | NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    boolean store(Tx tx, int chunkBytes) {
      return await(DocumentStoreContractIT.store.storeBlob(tx, sha256, bytes.length, file, chunkBytes));
    }
  }

  static String blobRows(byte[] sha256) {
    return pg.value("select count(*) from blob where sha256 = ?", (Object) sha256);
  }

  /** A document with one version of {@code content}, created in its own statements. */
  static UUID document(MeetingId m, String title, Content content) {
    UUID id = UUID.randomUUID();
    UUID by = pg.account("secretary-" + UUID.randomUUID());
    var tx = pg.db().auto();
    await(store.insertDocument(tx, id, m, title, DocumentAccess.everyone(), by));
    await(store.addVersion(tx, id, content.sha256(), content.bytes().length, 3, title + ".pdf", null, "[]", by));
    return id;
  }

  @Test
  @DisplayName("DU3: contents are stored once per hash, in chunks of the size they were first stored with; a read never crosses a chunk")
  void blobs_in_chunks() {
    Content c = Content.random(2500);
    var tx = pg.db().auto();
    assertThat(c.store(tx, CHUNK)).isTrue();
    assertThat(c.store(tx, 500)).as("the same contents again").isFalse();
    assertThat(await(store.chunkBytes(tx, c.sha256()))).isEqualTo(CHUNK);
    assertThat(pg.value("select count(*) from blob_chunk where sha256 = ?", (Object) c.sha256())).isEqualTo("3");
    assertThat(await(store.read(tx, c.sha256(), CHUNK, 0, 2500)).length()).as("at most one chunk").isEqualTo(CHUNK);
    assertThat(await(store.read(tx, c.sha256(), CHUNK, 900, 300)).getBytes()).isEqualTo(slice(c.bytes(), 900, 100));
    assertThat(await(store.read(tx, c.sha256(), CHUNK, 2000, 1000)).length()).isEqualTo(500);
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (long from = 0; from < c.bytes().length; ) {
      Buffer part = await(store.read(tx, c.sha256(), CHUNK, from, 700));
      whole.writeBytes(part.getBytes());
      from += part.length();
    }
    assertThat(whole.toByteArray()).isEqualTo(c.bytes());
  }

  static byte[] slice(byte[] bytes, int from, int length) {
    byte[] out = new byte[length];
    System.arraycopy(bytes, from, out, 0, length);
    return out;
  }

  @Test
  @DisplayName("DU3: contents stored in a transaction that fails are not kept; the same upload at the same moment waits and stores nothing twice")
  void blob_transactions() {
    Content c = Content.random(1500);
    pg.rolledBack(tx -> store.storeBlob(tx, c.sha256(), c.bytes().length, c.file(), CHUNK));
    assertThat(blobRows(c.sha256())).isEqualTo("0");
    assertThat(pg.value("select count(*) from blob_chunk where sha256 = ?", (Object) c.sha256())).isEqualTo("0");

    var first = pg.hold(tx -> store.storeBlob(tx, c.sha256(), c.bytes().length, c.file(), CHUNK));
    var second = pg.db().inTransaction(tx -> store.storeBlob(tx, c.sha256(), c.bytes().length, c.file(), CHUNK));
    stillWaiting(second);
    first.commit();
    assertThat(await(second)).isFalse();
    assertThat(blobRows(c.sha256())).isEqualTo("1");
    assertThat(pg.value("select count(*) from blob_chunk where sha256 = ?", (Object) c.sha256())).isEqualTo("2");
  }

  @Test
  @DisplayName("DF1: pages are stored once per blob; search finds folded words with or without diacritics, best first, in the given blobs only")
  void pages_and_search() {
    Content c = Content.random(100);
    Content other = Content.random(100);
    var tx = pg.db().auto();
    c.store(tx, CHUNK);
    other.store(tx, CHUNK);
    assertThat(await(store.hasPages(tx, c.sha256()))).isFalse();
    await(store.storePages(tx, c.sha256(), List.of(
        new DocumentStore.Page(1, 595f, 842f, "Dự toán ngân sách một lần"),
        new DocumentStore.Page(2, 595f, 842f, "Ngân sách, ngân sách và ngân sách\u0000năm 2027"))));
    await(store.storePages(tx, other.sha256(), List.of(new DocumentStore.Page(1, 595f, 842f, "Ngân sách huyện"))));
    await(store.storePages(tx, c.sha256(), List.of(new DocumentStore.Page(1, 100f, 100f, "thay thế"))));
    assertThat(await(store.hasPages(tx, c.sha256()))).isTrue();

    List<DocumentStore.Hit> hits = await(store.search(tx, List.of(c.sha256()), TextFolding.fold("ngan sach"), 10));
    assertThat(hits).extracting(DocumentStore.Hit::page).containsExactly(2, 1);
    assertThat(hits.get(0).sha256()).isEqualTo(java.util.HexFormat.of().formatHex(c.sha256()));
    assertThat(hits.get(0).text()).as("a NUL byte is stored as a space").isEqualTo("Ngân sách, ngân sách và ngân sách năm 2027");
    assertThat(hits.get(1).text()).as("storing pages again changes nothing").isEqualTo("Dự toán ngân sách một lần");
    assertThat(await(store.search(tx, List.of(c.sha256()), TextFolding.fold("Ngân Sách"), 1))).extracting(DocumentStore.Hit::page).containsExactly(2);
    assertThat(await(store.search(tx, List.of(c.sha256()), TextFolding.fold("ngân sách huyện"), 10))).as("every word must match").isEmpty();
    assertThat(await(store.search(tx, List.of(c.sha256(), other.sha256()), TextFolding.fold("huyen"), 10))).hasSize(1);
    assertThat(await(store.search(tx, List.of(), "ngan", 10))).isEmpty();
  }

  @Test
  @DisplayName("DV1: a document appears once it has a version; each new version is the next number and current, older ones stay readable")
  void versions() {
    MeetingId m = pg.meeting("m");
    UUID id = UUID.randomUUID();
    UUID by = pg.account("secretary-" + UUID.randomUUID());
    Content v1 = Content.random(10);
    Content v2 = Content.random(20);
    var tx = pg.db().auto();
    v1.store(tx, CHUNK);
    v2.store(tx, CHUNK);
    await(store.insertDocument(tx, id, m, "Dự thảo nghị quyết", DocumentAccess.everyone(), by));
    failure(ErrorCode.NOT_FOUND, () -> await(store.get(tx, m, id)));
    assertThat(await(store.list(tx, m))).isEmpty();
    DocumentStore.Doc draft = await(pg.db().inTransaction(t -> store.getForUpdate(t, m, id)));
    assertThat(draft.currentVersion()).isZero();
    assertThat(draft.versions()).isEmpty();

    assertThat(await(store.addVersion(tx, id, v1.sha256(), 10, 3, "du-thao.pdf", null, "[]", by))).isEqualTo(1);
    assertThat(await(store.addVersion(tx, id, v2.sha256(), 20, 4, "du-thao-2.pdf", "Sửa điều 3", "[{\"status\":\"VALID\"}]", by))).isEqualTo(2);
    DocumentStore.Doc doc = await(store.get(tx, m, id));
    assertThat(doc.title()).isEqualTo("Dự thảo nghị quyết");
    assertThat(doc.meeting()).isEqualTo(m);
    assertThat(doc.currentVersion()).isEqualTo(2);
    assertThat(doc.versions()).extracting(DocumentStore.Version::number).containsExactly(1, 2);
    DocumentStore.Version current = doc.current();
    assertThat(current.sha256()).isEqualTo(v2.sha256());
    assertThat(current.size()).isEqualTo(20);
    assertThat(current.pageCount()).isEqualTo(4);
    assertThat(current.filename()).isEqualTo("du-thao-2.pdf");
    assertThat(current.changeNote()).isEqualTo("Sửa điều 3");
    assertThat(current.signatures()).isEqualTo("[{\"status\":\"VALID\"}]");
    assertThat(current.uploadedBy()).isEqualTo(by);
    assertThat(current.uploadedAt()).isNotNull();
    assertThat(doc.version(1).filename()).isEqualTo("du-thao.pdf");
    assertThat(doc.version(1).changeNote()).isNull();
    failure(ErrorCode.NOT_FOUND, () -> doc.version(3));
  }

  @Test
  @DisplayName("DU3: a document and its version written in a transaction that fails are not visible at all")
  void failed_publish_leaves_nothing() {
    MeetingId m = pg.meeting("m");
    UUID id = UUID.randomUUID();
    Content c = Content.random(10);
    c.store(pg.db().auto(), CHUNK);
    pg.rolledBack(tx -> store.insertDocument(tx, id, m, "Half", DocumentAccess.everyone(), null)
        .compose(v -> store.addVersion(tx, id, c.sha256(), 10, 1, "half.pdf", null, "[]", null)));
    failure(ErrorCode.NOT_FOUND, () -> await(store.get(pg.db().auto(), m, id)));
    failure(ErrorCode.NOT_FOUND, () -> await(pg.db().inTransaction(tx -> store.getForUpdate(tx, m, id))));
    assertThat(await(store.list(pg.db().auto(), m))).isEmpty();
  }

  @Test
  @DisplayName("DV1: versions added at the same moment are numbered one after the other (the document is locked while a version is added)")
  void concurrent_versions() {
    MeetingId m = pg.meeting("m");
    Content c = Content.random(10);
    c.store(pg.db().auto(), CHUNK);
    UUID id = document(m, "Báo cáo", c);
    var first = pg.hold(tx -> store.getForUpdate(tx, m, id)
        .compose(d -> store.addVersion(tx, id, c.sha256(), 10, 1, "v2.pdf", null, "[]", null)));
    var second = pg.db().inTransaction(tx -> store.getForUpdate(tx, m, id)
        .compose(d -> store.addVersion(tx, id, c.sha256(), 10, 1, "v3.pdf", null, "[]", null)));
    stillWaiting(second);
    first.commit();
    assertThat(await(second)).isEqualTo(3);
    assertThat(await(store.get(pg.db().auto(), m, id)).versions()).extracting(DocumentStore.Version::filename)
        .containsExactly("Báo cáo.pdf", "v2.pdf", "v3.pdf");
  }

  @Test
  @DisplayName("Documents are per meeting: another meeting's document is NOT_FOUND and not listed; a meeting lists its own in creation order")
  void per_meeting() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    Content c = Content.random(10);
    c.store(pg.db().auto(), CHUNK);
    UUID second = document(m, "B — created first", c);
    UUID first = document(m, "A — created second", c);
    UUID elsewhere = document(other, "Elsewhere", c);
    var tx = pg.db().auto();
    assertThat(await(store.list(tx, m))).extracting(DocumentStore.Doc::id).containsExactly(second, first);
    failure(ErrorCode.NOT_FOUND, () -> await(store.get(tx, m, elsewhere)));
    failure(ErrorCode.NOT_FOUND, () -> await(pg.db().inTransaction(t -> store.getForUpdate(t, other, first))));
    assertThat(await(store.list(tx, other))).extracting(DocumentStore.Doc::id).containsExactly(elsewhere);
  }

  @Test
  @DisplayName("DA1, DA2, DA3, DA4: the access kind with its roles and people reads back as set")
  void access() {
    MeetingId m = pg.meeting("m");
    Content c = Content.random(10);
    c.store(pg.db().auto(), CHUNK);
    UUID id = document(m, "Mật", c);
    var tx = pg.db().auto();
    assertThat(await(store.get(tx, m, id)).access()).isEqualTo(DocumentAccess.everyone());
    UUID an = UUID.randomUUID();
    UUID binh = UUID.randomUUID();
    for (DocumentAccess a : List.of(new DocumentAccess(DocumentAccess.Kind.ROLES, Set.of(Role.DELEGATE, Role.OBSERVER), Set.of()),
        new DocumentAccess(DocumentAccess.Kind.PEOPLE, Set.of(), Set.of(an, binh)),
        new DocumentAccess(DocumentAccess.Kind.CONFIDENTIAL, Set.of(), Set.of(an)))) {
      await(store.setAccess(tx, id, a));
      assertThat(await(store.get(tx, m, id)).access()).isEqualTo(a);
    }
  }

  @Test
  @DisplayName("A document links to agenda items of its own meeting only (NOT_FOUND otherwise, nothing linked); links are kept once")
  void agenda_links() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    UUID item = agendaItem(m, 1);
    UUID item2 = agendaItem(m, 2);
    UUID foreign = agendaItem(other, 1);
    Content c = Content.random(10);
    c.store(pg.db().auto(), CHUNK);
    UUID id = document(m, "Tờ trình", c);
    var tx = pg.db().auto();
    var e = failure(ErrorCode.NOT_FOUND, () -> await(store.linkAgendaItems(tx, m, id, List.of(item, foreign))));
    assertThat(e.getMessage()).isEqualTo("An agenda item in 'agendaItemIds' is not in this meeting.");
    assertThat(await(store.get(tx, m, id)).agendaItems()).isEmpty();
    await(store.linkAgendaItems(tx, m, id, List.of(item)));
    assertThat(await(store.get(tx, m, id)).agendaItems()).containsExactly(item);
    await(store.linkAgendaItems(tx, m, id, List.of(item, item2, item)));
    await(store.linkAgendaItems(tx, m, id, List.of()));
    assertThat(await(store.get(tx, m, id)).agendaItems()).containsExactlyInAnyOrder(item, item2);
  }

  static UUID agendaItem(MeetingId m, int position) {
    UUID id = UUID.randomUUID();
    pg.exec("insert into agenda_item (id, meeting_id, position, title) values (?, ?, ?, 'Mục')", id, m.value(), position);
    return id;
  }

  @Test
  @DisplayName("DT1: a thumbnail is cached per blob, page and width; the first one stored stays")
  void thumbnails() {
    Content c = Content.random(10);
    var tx = pg.db().auto();
    c.store(tx, CHUNK);
    assertThat(await(store.thumbnail(tx, c.sha256(), 1, 160))).isNull();
    await(store.putThumbnail(tx, c.sha256(), 1, 160, new byte[] {1, 2, 3}));
    await(store.putThumbnail(tx, c.sha256(), 1, 160, new byte[] {9}));
    await(store.putThumbnail(tx, c.sha256(), 1, 320, new byte[] {4}));
    assertThat(await(store.thumbnail(tx, c.sha256(), 1, 160)).getBytes()).containsExactly(1, 2, 3);
    assertThat(await(store.thumbnail(tx, c.sha256(), 1, 320)).getBytes()).containsExactly(4);
    assertThat(await(store.thumbnail(tx, c.sha256(), 2, 160))).isNull();
  }
}
