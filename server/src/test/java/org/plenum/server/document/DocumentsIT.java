package org.plenum.server.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.PdfCorpus;
import org.plenum.server.testing.TestPki;
import org.plenum.server.testing.TestServer;

/** Documents through the real REST API and WebSocket, with real PDFs made by the tests. */
class DocumentsIT {
  static final long LIMIT = 25L * 1024 * 1024;
  static TestServer server;
  static Api api;
  static String meeting;
  static String secretary;
  static String delegate1;
  static String delegate2;
  static Path dir;
  static TestPki pki;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "docs-");
    pki = TestPki.create();
    Path trust = pki.writeRootPem(dir.resolve("trusted-root.pem"));
    server = TestServer.start(Map.of("PLENUM_DOCUMENTS_TRUST_STORE", trust.toString(),
        "PLENUM_DOCUMENTS_MAX_UPLOAD_BYTES", String.valueOf(LIMIT), "PLENUM_DOCUMENTS_VALIDATION_TIMEOUT", "20s"));
    api = server.api();
    secretary = api.login("secretary", TestServer.DEMO_PASSWORD);
    delegate1 = api.login("delegate1", TestServer.DEMO_PASSWORD);
    delegate2 = api.login("delegate2", TestServer.DEMO_PASSWORD);
    meeting = api.get("/api/meetings", secretary).array("meetings").getJsonObject(0).getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Api.Response upload(Path file, String query, String token) {
    return upload(file, query, token, "application/pdf", "/api/meetings/" + meeting + "/documents");
  }

  static Api.Response upload(Path file, String query, String token, String contentType, String path) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path + "?" + query))
          .POST(HttpRequest.BodyPublishers.ofFile(file)).header("X-Filename", file.getFileName().toString());
      if (contentType != null) {
        b.header("Content-Type", contentType);
      }
      return api.send(b, token);
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String accountId(String username) {
    for (Object o : api.get("/api/meetings/" + meeting + "/participants", secretary).array("participants")) {
      JsonObject p = (JsonObject) o;
      if (p.getString("username").equals(username)) {
        return p.getString("accountId");
      }
    }
    throw new AssertionError(username);
  }

  static long count(String sql) throws Exception {
    try (var c = server.jdbc(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static byte[] get(String path, String token, Map<String, String> headers, int expectedStatus) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path)).GET().header("Authorization", "Bearer " + token);
    headers.forEach(b::header);
    HttpResponse<byte[]> r = api.client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(path + " " + new String(r.body(), 0, Math.min(300, r.body().length))).isEqualTo(expectedStatus);
    return r.body();
  }

  @Test
  @DisplayName("DU1, DU4, DL1: a ~20 MB PDF uploads; its event reaches participants; Range gives 206 with exactly the bytes asked; If-None-Match gives 304")
  void big_upload_range_and_etag() throws Exception {
    Path big = PdfCorpus.bigPdf(dir, 20L * 1024 * 1024);
    byte[] bytes = Files.readAllBytes(big);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    try (LiveClient d1 = LiveClient.signIn(server, meeting, "delegate1", TestServer.DEMO_PASSWORD)) {
      d1.connect();
      var r = upload(big, "title=" + q("Báo cáo kinh tế - xã hội 2026") + "&note=" + q("bản trình"), secretary);
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonObject doc = r.json();
      JsonObject v1 = doc.getJsonArray("versions").getJsonObject(0);
      assertThat(v1.getString("sha256")).isEqualTo(sha);
      assertThat(v1.getLong("size")).isEqualTo((long) bytes.length);
      assertThat(v1.getInteger("pageCount")).isGreaterThan(1);
      JsonObject ev = bySeq(d1, doc.getLong("seq"));
      assertThat(ev.getString("type")).isEqualTo("document.published");
      assertThat(ev.getJsonObject("data").getJsonObject("document").getString("id")).isEqualTo(doc.getString("id"));

      String content = v1.getString("contentUrl");
      byte[] part = get(content, delegate1, Map.of("Range", "bytes=1000-1999"), 206);
      assertThat(part).isEqualTo(Arrays.copyOfRange(bytes, 1000, 2000));
      byte[] tail = get(content, delegate1, Map.of("Range", "bytes=-500"), 206);
      assertThat(tail).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 500, bytes.length));
      int from = 5_000_000;
      byte[] open = get(content, delegate1, Map.of("Range", "bytes=" + from + "-"), 206);
      assertThat(open).isEqualTo(Arrays.copyOfRange(bytes, from, bytes.length));
      HttpResponse<Void> head = api.client().send(HttpRequest.newBuilder(URI.create(api.base() + content)).header("Authorization", "Bearer " + delegate1)
          .header("Range", "bytes=0-99").GET().build(), HttpResponse.BodyHandlers.discarding());
      assertThat(head.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + bytes.length);
      assertThat(head.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
      assertThat(head.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
      assertThat(get(content, delegate1, Map.of(), 200)).isEqualTo(bytes);
      get(content, delegate1, Map.of("If-None-Match", "\"" + sha + "\""), 304);
      byte[] bad = get(content, delegate1, Map.of("Range", "bytes=" + (bytes.length + 10) + "-"), 416);
      assertThat(new String(bad)).contains("RANGE_NOT_SATISFIABLE");
    }
  }

  @Test
  @DisplayName("DA4, DA5, DU4: a confidential document is seen only by the chair and the named people — on every path and in events")
  void confidential_access() throws Exception {
    Path pdf = PdfCorpus.validPdf(dir, 2, "Tài liệu mật: phương án nhân sự 2027");
    String chair = api.login("chair", TestServer.DEMO_PASSWORD);
    try (LiveClient d1 = LiveClient.signIn(server, meeting, "delegate1", TestServer.DEMO_PASSWORD);
         LiveClient d2 = LiveClient.signIn(server, meeting, "delegate2", TestServer.DEMO_PASSWORD)) {
      d1.connect();
      d2.connect();
      var r = upload(pdf, "title=" + q("Phương án nhân sự") + "&access=CONFIDENTIAL&people=" + accountId("delegate2"), secretary);
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      String id = r.json().getString("id");
      long seq = r.json().getLong("seq");
      assertThat(bySeq(d2, seq).getString("type")).isEqualTo("document.published");
      // delegate1 sees the next event but never this one
      var next = api.post("/api/meetings/" + meeting + "/agenda", new JsonObject().put("title", "after the secret"), secretary).json().getLong("seq");
      d1.awaitSeq(next, 10);
      assertThat(d1.events).noneMatch(e -> e.getLong("seq") == seq);

      String base = "/api/meetings/" + meeting + "/documents/" + id;
      for (String path : new String[] {base, base + "/versions/1/content", base + "/versions/1/watermarked", base + "/versions/1/pages/1/thumbnail"}) {
        var denied = api.get(path, delegate1);
        assertThat(denied.status()).as(path).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("FORBIDDEN");
      }
      assertThat(api.get(base, delegate2).status()).isEqualTo(200);
      assertThat(api.get(base, chair).status()).isEqualTo(200);
      assertThat(api.get("/api/meetings/" + meeting + "/documents", delegate1).array("documents"))
          .noneMatch(d -> ((JsonObject) d).getString("id").equals(id));
      assertThat(api.get("/api/meetings/" + meeting + "/snapshot", delegate1).json().getJsonArray("documents"))
          .noneMatch(d -> ((JsonObject) d).getString("id").equals(id));
      assertThat(api.get("/api/meetings/" + meeting + "/documents/search?q=" + q("nhân sự"), delegate1).array("results"))
          .noneMatch(d -> ((JsonObject) d).getString("documentId").equals(id));
      assertThat(api.get("/api/meetings/" + meeting + "/documents/search?q=" + q("nhân sự"), delegate2).array("results"))
          .anyMatch(d -> ((JsonObject) d).getString("documentId").equals(id));
      assertThat(api.get("/api/meetings/" + meeting + "/ledger?after=" + (seq - 1) + "&limit=1", delegate1).array("events")).isEmpty();

      // DA5: opening it to everyone tells everyone; narrowing it again tells delegate1 only that it is gone
      var opened = api.put(base + "/access", new JsonObject().put("kind", "EVERYONE"), secretary);
      assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
      assertThat(bySeq(d1, opened.json().getLong("seq")).getJsonObject("data").getJsonObject("document").getString("id")).isEqualTo(id);
      assertThat(api.get(base, delegate1).status()).isEqualTo(200);
      var narrowed = api.put(base + "/access", new JsonObject().put("kind", "PEOPLE").put("people", new JsonArray().add(accountId("delegate2"))), secretary);
      JsonObject revoked = bySeq(d1, narrowed.json().getLong("seq")).getJsonObject("data");
      assertThat(revoked.getBoolean("revoked")).isTrue();
      assertThat(revoked.containsKey("document")).isFalse();
      assertThat(api.get(base, delegate1).status()).isEqualTo(403);
    }
  }

  @Test
  @DisplayName("DA1, DA2, DA3: EVERYONE, ROLES and PEOPLE admit exactly the people their rules name")
  void access_kinds() throws Exception {
    Path pdf = PdfCorpus.validPdf(dir, 1, "Phân quyền");
    String admin = api.login("admin", TestServer.DEMO_PASSWORD);
    String room1 = api.login("room1", TestServer.DEMO_PASSWORD);
    String chair = api.login("chair", TestServer.DEMO_PASSWORD);
    String everyone = upload(pdf, "title=all", secretary).json().getString("id");
    String rooms = upload(pdf, "title=rooms&access=ROLES&roles=REMOTE_ROOM", secretary).json().getString("id");
    String named = upload(pdf, "title=named&access=PEOPLE&people=" + accountId("delegate2"), secretary).json().getString("id");
    Map<String, String> who = new java.util.LinkedHashMap<>();
    who.put("admin", admin);
    who.put("chair", chair);
    who.put("secretary", secretary);
    who.put("delegate1", delegate1);
    who.put("delegate2", delegate2);
    who.put("room1", room1);
    Map<String, java.util.Set<String>> allowed = Map.of(
        everyone, java.util.Set.of("admin", "chair", "secretary", "delegate1", "delegate2", "room1"),
        rooms, java.util.Set.of("admin", "chair", "secretary", "room1"),
        named, java.util.Set.of("admin", "chair", "secretary", "delegate2"));
    for (var doc : allowed.entrySet()) {
      for (var w : who.entrySet()) {
        int status = api.get("/api/meetings/" + meeting + "/documents/" + doc.getKey() + "/versions/1/content", w.getValue()).status();
        assertThat(status).as(w.getKey() + " on " + doc.getKey()).isEqualTo(doc.getValue().contains(w.getKey()) ? 200 : 403);
        boolean listed = api.get("/api/meetings/" + meeting + "/documents", w.getValue()).array("documents").stream()
            .anyMatch(d -> ((JsonObject) d).getString("id").equals(doc.getKey()));
        assertThat(listed).as(w.getKey() + " lists " + doc.getKey()).isEqualTo(doc.getValue().contains(w.getKey()));
      }
    }
  }

  @Test
  @DisplayName("DU4: a document published with agendaItemIds is linked to those items (answer, snapshot); an item of no meeting is NOT_FOUND")
  void linked_to_agenda_items() throws Exception {
    JsonArray items = api.get("/api/meetings/" + meeting + "/snapshot", secretary).json().getJsonObject("agenda").getJsonArray("items");
    String first = items.getJsonObject(0).getString("id");
    String second = items.getJsonObject(1).getString("id");
    var r = upload(PdfCorpus.validPdf(dir, 2, "Báo cáo theo mục"), "title=" + q("Báo cáo theo mục") + "&agendaItemIds=" + first + "," + second,
        secretary);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().getJsonArray("agendaItemIds")).containsExactlyInAnyOrder(first, second);
    JsonObject seen = api.get("/api/meetings/" + meeting + "/snapshot", delegate1).json().getJsonArray("documents").stream()
        .map(JsonObject.class::cast).filter(d -> d.getString("id").equals(r.json().getString("id"))).findFirst().orElseThrow();
    assertThat(seen.getJsonArray("agendaItemIds")).containsExactlyInAnyOrder(first, second);
    var unknown = upload(PdfCorpus.validPdf(dir, 1, "x"), "title=x&agendaItemIds=" + java.util.UUID.randomUUID(), secretary);
    assertThat(unknown.code()).as(unknown.toString()).isEqualTo("NOT_FOUND");
  }

  @Test
  @DisplayName("DU4, DV1: a new version becomes current with its change note; older versions stay readable")
  void versions() throws Exception {
    var r = upload(PdfCorpus.validPdf(dir, 1, "Dự thảo lần 1"), "title=" + q("Dự thảo nghị quyết"), secretary);
    String id = r.json().getString("id");
    try (LiveClient d1 = LiveClient.signIn(server, meeting, "delegate1", TestServer.DEMO_PASSWORD)) {
      d1.connect();
      var v2 = upload(PdfCorpus.validPdf(dir, 2, "Dự thảo lần 2"), "note=" + q("Sửa điều 3"), secretary, "application/pdf",
          "/api/meetings/" + meeting + "/documents/" + id + "/versions");
      assertThat(v2.status()).as(v2.toString()).isEqualTo(201);
      assertThat(v2.json().getInteger("currentVersion")).isEqualTo(2);
      JsonObject ev = bySeq(d1, v2.json().getLong("seq")).getJsonObject("data").getJsonObject("document");
      assertThat(ev.getJsonArray("versions").getJsonObject(1).getString("changeNote")).isEqualTo("Sửa điều 3");
    }
    get("/api/meetings/" + meeting + "/documents/" + id + "/versions/1/content", delegate1, Map.of(), 200);
    get("/api/meetings/" + meeting + "/documents/" + id + "/versions/2/content", delegate1, Map.of(), 200);
    assertThat(api.get("/api/meetings/" + meeting + "/documents/" + id + "/versions/3/content", delegate1).code()).isEqualTo("NOT_FOUND");
    var byDelegate = upload(PdfCorpus.validPdf(dir, 1, "x"), "", delegate1, "application/pdf", "/api/meetings/" + meeting + "/documents/" + id + "/versions");
    assertThat(byDelegate.code()).isEqualTo("FORBIDDEN");
  }

  @Test
  @DisplayName("DW1: the watermarked download passes qpdf --check and its text names the reader")
  void watermark() throws Exception {
    var r = upload(PdfCorpus.validPdf(dir, 3, "Nội dung trang"), "title=" + q("Tờ trình"), secretary);
    byte[] pdf = get(r.json().getJsonArray("versions").getJsonObject(0).getString("watermarkedUrl"), delegate1, Map.of(), 200);
    Path out = dir.resolve("wm-" + System.nanoTime() + ".pdf");
    Files.write(out, pdf);
    Process qpdf = new ProcessBuilder("qpdf", "--check", out.toString()).redirectErrorStream(true).start();
    String check = new String(qpdf.getInputStream().readAllBytes());
    assertThat(qpdf.waitFor()).as(check).isEqualTo(0);
    try (var doc = Loader.loadPDF(out.toFile())) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("Lê Văn Cường").contains("Nội dung trang");
      assertThat(doc.getNumberOfPages()).isEqualTo(3);
    }
  }

  @Test
  @DisplayName("DS1: a PDF signed under the trusted CA verifies VALID; one byte changed after signing is MODIFIED; an unknown CA is UNTRUSTED")
  void signatures() throws Exception {
    Path plain = PdfCorpus.validPdf(dir, 1, "Quyết định số 123/QĐ-UBND");
    Path signed = dir.resolve("signed.pdf");
    pki.sign(plain, signed, "Phê duyệt");
    JsonObject valid = signatureOf(upload(signed, "title=" + q("Quyết định 123"), secretary));
    assertThat(valid.getString("status")).isEqualTo("VALID");
    assertThat(valid.getString("signerCommonName")).isEqualTo(TestPki.SIGNER_CN);
    assertThat(valid.getString("signingTime")).isNotNull();

    byte[] b = Files.readAllBytes(signed);
    String s = new String(b, StandardCharsets.ISO_8859_1);
    int at = s.indexOf("Quy") > 0 ? s.indexOf("Quy") : 200; // a byte inside the signed range, before the signature
    b[Math.min(at, 200)] ^= 0x01;
    Path tampered = dir.resolve("tampered.pdf");
    Files.write(tampered, b);
    var t = upload(tampered, "title=" + q("Quyết định 123 (sửa)"), secretary);
    assertThat(signatureOf(t).getString("status")).isEqualTo("MODIFIED");

    TestPki stranger = TestPki.create(TestPki.KeyType.EC, false, "CN=Unknown Root", "Người lạ");
    Path other = dir.resolve("other-ca.pdf");
    stranger.sign(plain, other, "Ký thử");
    assertThat(signatureOf(upload(other, "title=" + q("Ký bởi CA lạ"), secretary)).getString("status")).isEqualTo("UNTRUSTED");
  }

  @Test
  @DisplayName("DS2, DS3: an upload signed twice (incremental) reports both VALID with their revisions; a signer revoked by an embedded CRL is INVALID with certificateStatus REVOKED")
  void signatures_on_dss() throws Exception {
    Path plain = PdfCorpus.validPdf(dir, 1, "Nghị quyết số 7/NQ-HĐND");
    Path once = dir.resolve("once.pdf");
    pki.sign(plain, once, "Thư ký");
    TestPki.Identity chair = pki.issue("Lê Văn Cường", false);
    Path twice = dir.resolve("twice.pdf");
    TestPki.sign(once, twice, chair.key(), chair.chain(), "Chủ tọa");
    var r = upload(twice, "title=" + q("Nghị quyết 7"), secretary);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonArray sigs = r.json().getJsonArray("versions").getJsonObject(0).getJsonArray("signatures");
    assertThat(sigs).hasSize(2);
    JsonObject first = sigs.getJsonObject(0);
    assertThat(first.getString("status")).as(first.encode()).isEqualTo("VALID");
    assertThat(first.getBoolean("coversWholeDocument")).isFalse();
    assertThat(first.getBoolean("modifiedAfterSigning")).isFalse();
    assertThat(first.getInteger("revision")).isEqualTo(1);
    assertThat(first.getJsonArray("laterRevisions").getJsonObject(0).getString("kind")).isEqualTo("SIGNATURE");
    assertThat(sigs.getJsonObject(1).getString("status")).isEqualTo("VALID");
    assertThat(sigs.getJsonObject(1).getString("signerCommonName")).isEqualTo("Lê Văn Cường");

    TestPki.Identity revoked = pki.issue("Đỗ Bị Thu Hồi", false);
    Path rv = dir.resolve("revoked.pdf");
    TestPki.signWithCrl(plain, rv, revoked.key(), revoked.chain(), pki.crl(revoked.chain()[0]));
    JsonObject rs = signatureOf(upload(rv, "title=" + q("Ký bởi chứng thư bị thu hồi"), secretary));
    assertThat(rs.getString("status")).isEqualTo("INVALID");
    assertThat(rs.getString("certificateStatus")).isEqualTo("REVOKED");
  }

  static JsonObject bySeq(LiveClient c, long seq) {
    return c.next(f -> f.getLong("seq") != null && f.getLong("seq") == seq && !"ack".equals(f.getString("type")));
  }

  static JsonObject signatureOf(Api.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonArray sigs = r.json().getJsonArray("versions").getJsonObject(0).getJsonArray("signatures");
    assertThat(sigs).hasSize(1);
    return sigs.getJsonObject(0);
  }

  @Test
  @DisplayName("DF1: search finds Vietnamese text with and without accents, with page numbers")
  void search() throws Exception {
    var r = upload(PdfCorpus.validPdf(dir, 3, PdfCorpus.VIETNAMESE), "title=" + q("Nghị quyết dự toán"), secretary);
    String id = r.json().getString("id");
    for (String query : new String[] {"dự toán ngân sách", "du toan ngan sach", "NGÂN SÁCH 2027"}) {
      JsonArray results = api.get("/api/meetings/" + meeting + "/documents/search?q=" + q(query), delegate1).array("results");
      assertThat(results).as(query).anyMatch(x -> ((JsonObject) x).getString("documentId").equals(id) && ((JsonObject) x).getInteger("page") >= 1);
    }
    assertThat(api.get("/api/meetings/" + meeting + "/documents/search?q=", delegate1).code()).isEqualTo("BAD_MESSAGE");
  }

  @Test
  @DisplayName("DT1: thumbnails are PNGs of the requested width, cached; a page out of range is NOT_FOUND")
  void thumbnails() throws Exception {
    var r = upload(PdfCorpus.validPdf(dir, 2, "Trang"), "title=" + q("Ảnh thu nhỏ"), secretary);
    String base = r.json().getJsonArray("versions").getJsonObject(0).getString("contentUrl").replace("/content", "");
    byte[] png = get(base + "/pages/2/thumbnail", delegate1, Map.of(), 200);
    var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(160);
    assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(get(base + "/pages/1/thumbnail?width=64", delegate1, Map.of(), 200)))
        .getWidth()).isEqualTo(64);
    assertThat(count("select count(*) from thumbnail")).isGreaterThanOrEqualTo(2);
    assertThat(api.get(base + "/pages/9/thumbnail", delegate1).code()).isEqualTo("NOT_FOUND");
    assertThat(api.get(base + "/pages/1/thumbnail?width=5000", delegate1).code()).isEqualTo("BAD_MESSAGE");
  }

  @Test
  @DisplayName("DT2: page 1 is drawn at the viewer's preview widths while the upload is stored, before anyone asks")
  void first_page_previews_at_upload() throws Exception {
    var r = upload(PdfCorpus.validPdf(dir, 3, "Trang đầu"), "title=" + q("Xem trước"), secretary);
    var version = r.json().getJsonArray("versions").getJsonObject(0);
    String sha = version.getString("sha256");
    for (int width : new int[] {512, 1024}) {
      assertThat(count("select count(*) from thumbnail where sha256 = decode('" + sha + "', 'hex') and page = 1 and width = " + width))
          .as("page 1 at " + width + " px, stored with the upload").isEqualTo(1);
    }
    assertThat(count("select count(*) from thumbnail where sha256 = decode('" + sha + "', 'hex') and page > 1")).isZero();
    String base = version.getString("contentUrl").replace("/content", "");
    byte[] png = get(base + "/pages/1/thumbnail?width=1024", delegate1, Map.of(), 200);
    assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth()).isEqualTo(1024);
  }

  @Test
  @DisplayName("DU2, DU3: bad files are UNSUPPORTED_DOCUMENT with a plain message; nothing is stored and no event is written")
  void bad_files() throws Exception {
    long head = api.get("/api/meetings/" + meeting + "/snapshot", secretary).json().getLong("seq");
    long blobs = count("select count(*) from blob");
    Path valid = PdfCorpus.validPdf(dir, 3, "Nội dung");
    Map<String, Path> corpus = new java.util.LinkedHashMap<>();
    corpus.put("not a PDF", PdfCorpus.notPdf(dir));
    corpus.put("truncated", PdfCorpus.truncated(valid, 0.5));
    corpus.put("a million pages", PdfCorpus.millionPages(dir));
    corpus.put("cyclic page tree", PdfCorpus.cyclicPageTree(dir));
    corpus.put("deeply nested", PdfCorpus.deeplyNested(dir));
    corpus.put("password-protected", PdfCorpus.encrypted(dir));
    corpus.put("zip bomb", PdfCorpus.zipBomb(dir, 300L * 1024 * 1024));
    for (var e : corpus.entrySet()) {
      var r = upload(e.getValue(), "title=" + q(e.getKey()), secretary);
      assertThat(r.status()).as(e.getKey() + ": " + r).isEqualTo(422);
      assertThat(r.code()).isEqualTo("UNSUPPORTED_DOCUMENT");
      assertThat(r.json().getString("message")).as(e.getKey()).isNotBlank().doesNotContain("Exception");
    }
    assertThat(api.get("/api/meetings/" + meeting + "/snapshot", secretary).json().getLong("seq")).isEqualTo(head);
    assertThat(count("select count(*) from blob")).isEqualTo(blobs);
    assertThat(api.get("/health").status()).isEqualTo(200);
    // A stream whose /Length lies (far past the end of the file) is repaired by PDFBox's lenient parser: the file
    // is readable, so it is accepted — never an internal error.
    var lying = upload(PdfCorpus.hugeObjectStream(dir), "title=" + q("lying length"), secretary);
    assertThat(lying.status()).as(lying.toString()).isIn(201, 422);
  }

  @Test
  @DisplayName("DU5: wrong content type, missing title, oversized and aborted uploads, a delegate uploading, path traversal in the name: typed errors, nothing half-stored")
  void bad_requests() throws Exception {
    Path pdf = PdfCorpus.validPdf(dir, 1, "x");
    assertThat(upload(pdf, "title=x", secretary, "application/octet-stream", "/api/meetings/" + meeting + "/documents").code())
        .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(upload(pdf, "", secretary).code()).isEqualTo("BAD_MESSAGE");
    assertThat(upload(pdf, "title=x", delegate1).code()).isEqualTo("FORBIDDEN");
    assertThat(upload(pdf, "title=x&access=SECRET", secretary).code()).isEqualTo("BAD_MESSAGE");
    assertThat(upload(pdf, "title=x&access=PEOPLE", secretary).code()).isEqualTo("BAD_MESSAGE");

    long blobs = count("select count(*) from blob");
    // Declared too large: refused before the body is read.
    String declared = rawUpload("title=big", "Content-Length: " + (LIMIT + 1), new byte[0]);
    assertThat(declared).startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");
    // Streamed without a length: refused as soon as the limit passes.
    byte[] chunk = new byte[1 << 20];
    java.util.Arrays.fill(chunk, (byte) 'x');
    String streamed = rawChunkedUpload("title=big", chunk, 30);
    assertThat(streamed).startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");
    // Aborted halfway: a raw socket sends half the declared body, then closes.
    byte[] body = Files.readAllBytes(pdf);
    try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
      var out = socket.getOutputStream();
      out.write(("POST /api/meetings/" + meeting + "/documents?title=aborted HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + secretary
          + "\r\nContent-Type: application/pdf\r\nX-Upload-Id: aborted-1\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes());
      out.write(body, 0, body.length / 2);
      out.flush();
      Thread.sleep(500);
    }
    long until = System.currentTimeMillis() + 10_000;
    JsonObject progress = null;
    while (System.currentTimeMillis() < until) {
      progress = api.get("/api/meetings/" + meeting + "/uploads/aborted-1", secretary).json();
      if ("FAILED".equals(progress.getString("state"))) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(progress.getString("state")).isEqualTo("FAILED");
    assertThat(count("select count(*) from blob")).isEqualTo(blobs);
    try (var tmp = Files.list(server.app().config().data().dir().resolve("tmp"))) {
      assertThat(tmp.toList()).isEmpty();
    }

    // The name is for display only: folders and control characters are dropped.
    var traversal = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/meetings/" + meeting + "/documents?title=traversal"))
        .header("Content-Type", "application/pdf").header("X-Filename", "..%2F..%2Fetc%2Fpasswd.pdf").header("X-Upload-Id", "named-1")
        .POST(HttpRequest.BodyPublishers.ofFile(pdf)), secretary);
    assertThat(traversal.status()).as(traversal.toString()).isEqualTo(201);
    assertThat(traversal.json().getJsonArray("versions").getJsonObject(0).getString("filename")).isEqualTo("passwd.pdf");
    JsonObject done = api.get("/api/meetings/" + meeting + "/uploads/named-1", secretary).json();
    assertThat(done.getString("state")).isEqualTo("STORED");
    assertThat(done.getLong("receivedBytes")).isEqualTo((long) body.length);
    assertThat(api.get("/api/meetings/" + meeting + "/uploads/named-1", delegate1).code()).isIn("FORBIDDEN", "NOT_FOUND");
  }

  @Test
  @DisplayName("DU3: the same file uploaded twice is stored once (content-addressed)")
  void deduplicated() throws Exception {
    Path pdf = PdfCorpus.validPdf(dir, 2, "Giống hệt");
    var a = upload(pdf, "title=a", secretary);
    long blobs = count("select count(*) from blob");
    var b = upload(pdf, "title=b", secretary);
    assertThat(b.status()).isEqualTo(201);
    assertThat(count("select count(*) from blob")).isEqualTo(blobs);
    assertThat(b.json().getJsonArray("versions").getJsonObject(0).getString("sha256"))
        .isEqualTo(a.json().getJsonArray("versions").getJsonObject(0).getString("sha256"));
  }

  /** A hand-made upload request on a raw socket; returns what the server answered (status line, headers, body). */
  @Test
  @DisplayName("TX1: a title or note with a text-direction override or a control character is BAD_MESSAGE and nothing is stored; the "
      + "override is stripped from a file name (invoice\\u202Efdp.exe.pdf is stored as invoicefdp.exe.pdf)")
  void control_and_bidi_characters() throws Exception {
    Path pdf = PdfCorpus.validPdf(dir, 1, "Hóa đơn");
    long blobs = count("select count(*) from blob");
    for (String query : List.of("title=" + q("invoice\u202Efdp.exe"), "title=" + q("Bell\u0007"), "title=ok&note=" + q("a\u2066b"))) {
      var r = upload(pdf, query, secretary);
      assertThat(r.status()).as(query + ": " + r).isEqualTo(400);
      assertThat(r.code()).isEqualTo("BAD_MESSAGE");
      assertThat(r.json().getString("message")).contains("U+");
    }
    assertThat(count("select count(*) from blob")).isEqualTo(blobs);
    var named = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/meetings/" + meeting + "/documents?title=" + q("Hóa đơn\nthường")))
        .header("Content-Type", "application/pdf").header("X-Filename", q("invoice\u202Efdp.exe.pdf"))
        .POST(HttpRequest.BodyPublishers.ofFile(pdf)), secretary);
    assertThat(named.status()).as(named.toString()).isEqualTo(201);
    assertThat(named.json().getJsonArray("versions").getJsonObject(0).getString("filename")).isEqualTo("invoicefdp.exe.pdf");
  }

  static String rawUpload(String query, String lengthHeader, byte[] body) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(20_000);
      var out = socket.getOutputStream();
      out.write(("POST /api/meetings/" + meeting + "/documents?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + secretary
          + "\r\nContent-Type: application/pdf\r\n" + lengthHeader + "\r\n\r\n").getBytes());
      out.write(body);
      out.flush();
      return new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
    }
  }

  /** Sends up to n chunks of a chunked body, stopping when the server answers or closes. */
  static String rawChunkedUpload(String query, byte[] chunk, int n) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(20_000);
      var out = socket.getOutputStream();
      out.write(("POST /api/meetings/" + meeting + "/documents?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + secretary
          + "\r\nContent-Type: application/pdf\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes());
      try {
        out.write("5\r\n%PDF-\r\n".getBytes());
        for (int i = 0; i < n; i++) {
          out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes());
          out.write(chunk);
          out.write("\r\n".getBytes());
          out.flush();
        }
        out.write("0\r\n\r\n".getBytes());
      } catch (java.io.IOException closedByServer) {
        // expected: the server stops reading once the limit is passed
      }
      return new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
    }
  }

  static byte[] readAll(InputStream in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
