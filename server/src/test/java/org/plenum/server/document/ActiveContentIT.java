package org.plenum.server.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.ActivePdfs;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.PdfCorpus;
import org.plenum.server.testing.TestPki;
import org.plenum.server.testing.TestServer;

/**
 * DU6, DU7: PDFs with active content through the real upload route — flagged in the document's JSON, and absent from
 * every copy the server serves (contents, watermarked copy, annotated export), checked object by object with PDFBox.
 * DU8: upload metadata in percent-encoded headers, within and over the configured limits.
 */
class ActiveContentIT {
  static TestServer server;
  static Api api;
  static String meeting;
  static String secretary;
  static String delegate;
  static Path dir;
  static TestPki pki;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "active-it-");
    pki = TestPki.create();
    Path trust = pki.writeRootPem(dir.resolve("trusted-root.pem"));
    server = TestServer.start(Map.of("PLENUM_DOCUMENTS_TRUST_STORE", trust.toString(), "PLENUM_DOCUMENTS_VALIDATION_TIMEOUT", "20s"));
    api = server.api();
    secretary = api.login("secretary", TestServer.DEMO_PASSWORD);
    delegate = api.login("delegate1", TestServer.DEMO_PASSWORD);
    meeting = api.get("/api/meetings", secretary).array("meetings").getJsonObject(0).getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Uploads {@code file} to {@code path} with the given headers (values sent as given) and query. */
  static Api.Response upload(Path file, String path, Map<String, String> headers, String query) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path + (query == null ? "" : "?" + query)))
        .POST(HttpRequest.BodyPublishers.ofFile(file)).header("Content-Type", "application/pdf")
        .header("X-Filename", enc(file.getFileName().toString()));
    headers.forEach(b::header);
    return api.send(b, secretary);
  }

  static Api.Response publish(Path file, String title) throws Exception {
    return upload(file, "/api/meetings/" + meeting + "/documents", Map.of("X-Title", enc(title)), null);
  }

  static Path download(String path, String token, String name) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(api.base() + path)).header("Authorization", "Bearer " + token).GET().build();
    HttpResponse<byte[]> r = api.client().send(req, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(path + " " + new String(r.body(), 0, Math.min(300, r.body().length), StandardCharsets.UTF_8)).isEqualTo(200);
    Path out = dir.resolve(name);
    Files.write(out, r.body());
    return out;
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  static int documentCount() {
    return api.get("/api/meetings/" + meeting + "/documents", secretary).array("documents").size();
  }

  @Test
  @DisplayName("DU6: each kind of active content is flagged on upload and absent from the contents, the watermarked copy and the annotated export")
  void flagged_and_stripped_everywhere() throws Exception {
    record Case(List<String> kinds, Path file) {}
    List<Case> cases = List.of(
        new Case(List.of("JAVASCRIPT"), ActivePdfs.openActionJavaScript(dir)),
        new Case(List.of("JAVASCRIPT", "LAUNCH"), ActivePdfs.additionalActions(dir)),
        new Case(List.of("JAVASCRIPT"), ActivePdfs.namesJavaScript(dir)),
        new Case(List.of("LAUNCH", "URI"), ActivePdfs.launchAndLink(dir)),
        new Case(List.of("EMBEDDED_FILES"), ActivePdfs.embeddedFiles(dir)),
        new Case(List.of("SUBMIT_FORM", "XFA"), ActivePdfs.submitAndXfa(dir)),
        new Case(List.of("JAVASCRIPT"), ActivePdfs.chainedJavaScript(dir)));
    int n = 0;
    for (Case e : cases) {
      n++;
      Path file = e.file();
      assertThat(ActivePdfs.leftovers(file)).as("the uploaded file carries active content").isNotEmpty();
      var r = publish(file, "Tài liệu có nội dung động " + n);
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonObject v = r.json().getJsonArray("versions").getJsonObject(0);
      assertThat(v.getJsonArray("activeContent").getList()).as(file.getFileName().toString())
          .containsExactlyElementsOf(e.kinds());
      assertThat(v.getString("originalSha256")).isEqualTo(sha256(file));
      assertThat(v.getString("sha256")).isNotEqualTo(sha256(file));
      assertThat(v.getInteger("pageCount")).isEqualTo(2);

      // the detail the secretary reads says the same
      String id = r.json().getString("id");
      JsonObject detail = api.get("/api/meetings/" + meeting + "/documents/" + id, secretary).json();
      assertThat(detail.getJsonArray("versions").getJsonObject(0).getJsonArray("activeContent")).isEqualTo(v.getJsonArray("activeContent"));

      String base = "/api/meetings/" + meeting + "/documents/" + id + "/versions/1";
      Path content = download(base + "/content", delegate, "served-" + n + ".pdf");
      Path watermarked = download(base + "/watermarked", delegate, "served-wm-" + n + ".pdf");
      Path annotated = download(base + "/annotated", delegate, "served-ann-" + n + ".pdf");
      assertThat(sha256(content)).isEqualTo(v.getString("sha256"));
      for (Path served : List.of(content, watermarked, annotated)) {
        assertThat(ActivePdfs.leftovers(served)).as(served.getFileName().toString()).isEmpty();
        try (var doc = Loader.loadPDF(served.toFile())) {
          assertThat(doc.getNumberOfPages()).isEqualTo(2);
          assertThat(new PDFTextStripper().getText(doc)).contains(ActivePdfs.TEXT);
        }
      }
      if (e.kinds().contains("URI")) {
        assertThat(v.getJsonArray("links").getList()).containsExactly(ActivePdfs.LINK);
        assertThat(ActivePdfs.links(content)).containsExactly(ActivePdfs.LINK);
      }
    }
  }

  @Test
  @DisplayName("DU6: a PDF without active content is stored byte for byte: no flags, no original hash")
  void plain_pdf_untouched() throws Exception {
    Path plain = PdfCorpus.validPdf(dir, 1, "Bình thường");
    var r = publish(plain, "Tài liệu thường");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonObject v = r.json().getJsonArray("versions").getJsonObject(0);
    assertThat(v.getJsonArray("activeContent")).isEmpty();
    assertThat(v.getJsonArray("links")).isEmpty();
    assertThat(v.getString("originalSha256")).isNull();
    assertThat(v.getString("sha256")).isEqualTo(sha256(plain));
  }

  @Test
  @DisplayName("DU7: a signed PDF with JavaScript is refused (cleaning would break the signature); a signed PDF with only a link is kept as signed")
  void signed_pdfs() throws Exception {
    int before = documentCount();
    Path signedJs = dir.resolve("signed-js.pdf");
    pki.sign(ActivePdfs.openActionJavaScript(dir), signedJs, "Phê duyệt");
    var refused = publish(signedJs, "Quyết định có JavaScript");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("UNSUPPORTED_DOCUMENT");
    assertThat(refused.json().getString("message")).contains("digitally signed").contains("JavaScript");
    assertThat(documentCount()).isEqualTo(before);

    Path signedLink = dir.resolve("signed-link.pdf");
    Path linkOnly = PdfCorpus.validPdf(dir, 1, "Quyết định có liên kết");
    try (var doc = Loader.loadPDF(linkOnly.toFile())) {
      var link = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink();
      link.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(56, 600, 200, 20));
      var uri = new org.apache.pdfbox.pdmodel.interactive.action.PDActionURI();
      uri.setURI(ActivePdfs.LINK);
      link.setAction(uri);
      doc.getPage(0).getAnnotations().add(link);
      doc.save(dir.resolve("link-only.pdf").toFile());
    }
    pki.sign(dir.resolve("link-only.pdf"), signedLink, "Phê duyệt");
    var kept = publish(signedLink, "Quyết định có liên kết");
    assertThat(kept.status()).as(kept.toString()).isEqualTo(201);
    JsonObject v = kept.json().getJsonArray("versions").getJsonObject(0);
    assertThat(v.getJsonArray("activeContent").getList()).containsExactly("URI");
    assertThat(v.getJsonArray("links").getList()).containsExactly(ActivePdfs.LINK);
    assertThat(v.getString("originalSha256")).isNull();
    assertThat(v.getString("sha256")).isEqualTo(sha256(signedLink));
    assertThat(v.getJsonArray("signatures").getJsonObject(0).getString("status")).isEqualTo("VALID");
  }

  @Test
  @DisplayName("DU8: a 300-character Vietnamese title and a 2,000-character Vietnamese note travel in headers; the query string still works")
  void metadata_in_headers() throws Exception {
    String title = "Báo cáo tổng hợp ý kiến cử tri về dự thảo nghị quyết ".repeat(10).substring(0, 300);
    String note = "Những ý kiến đóng góp về dự thảo được tổng hợp đầy đủ. ".repeat(40).substring(0, 2000);
    assertThat(enc(title).length() + enc(note).length()).as("more header bytes than the 8 KiB Vert.x allows by default").isGreaterThan(8192);
    String items = api.get("/api/meetings/" + meeting + "/snapshot", secretary).json().getJsonObject("agenda").getJsonArray("items")
        .getJsonObject(0).getString("id");
    var r = upload(PdfCorpus.validPdf(dir, 1, "Tờ trình"), "/api/meetings/" + meeting + "/documents",
        Map.of("X-Title", enc(title), "X-Note", enc(note), "X-Agenda-Item-Ids", items, "X-Access", "ROLES", "X-Roles", "DELEGATE"), null);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().getString("title")).isEqualTo(title);
    assertThat(r.json().getJsonArray("agendaItemIds").getList()).containsExactly(items);
    assertThat(r.json().getJsonObject("access").getString("kind")).isEqualTo("ROLES");
    assertThat(r.json().getJsonArray("versions").getJsonObject(0).getString("changeNote")).isEqualTo(note);
    String id = r.json().getString("id");

    var v2 = upload(PdfCorpus.validPdf(dir, 1, "Tờ trình lần 2"), "/api/meetings/" + meeting + "/documents/" + id + "/versions",
        Map.of("X-Note", enc(note)), null);
    assertThat(v2.status()).as(v2.toString()).isEqualTo(201);
    assertThat(v2.json().getJsonArray("versions").getJsonObject(1).getString("changeNote")).isEqualTo(note);

    var legacy = upload(PdfCorpus.validPdf(dir, 1, "Cũ"), "/api/meetings/" + meeting + "/documents", Map.of(),
        "title=" + enc("Theo địa chỉ") + "&note=" + enc("ghi chú ngắn"));
    assertThat(legacy.status()).as(legacy.toString()).isEqualTo(201);
    assertThat(legacy.json().getString("title")).isEqualTo("Theo địa chỉ");
    var both = upload(PdfCorpus.validPdf(dir, 1, "Cả hai"), "/api/meetings/" + meeting + "/documents", Map.of("X-Title", enc("Từ tiêu đề")),
        "title=" + enc("Từ địa chỉ"));
    assertThat(both.json().getString("title")).as("the header wins").isEqualTo("Từ tiêu đề");
  }

  @Test
  @DisplayName("DU8: a title or note over its limit, and a header that is not percent-encoded UTF-8, get a JSON BAD_MESSAGE; nothing is stored")
  void metadata_over_limits() throws Exception {
    int before = documentCount();
    Path pdf = PdfCorpus.validPdf(dir, 1, "Quá dài");
    String docs = "/api/meetings/" + meeting + "/documents";

    var longTitle = upload(pdf, docs, Map.of("X-Title", enc("T".repeat(10_000))), null);
    assertThat(longTitle.status()).as(longTitle.toString()).isEqualTo(400);
    assertThat(longTitle.code()).isEqualTo("BAD_MESSAGE");
    assertThat(longTitle.json().getString("message")).contains("10000 characters").contains("documents.max_title_chars");

    var title301 = upload(pdf, docs, Map.of("X-Title", enc("Đ".repeat(301))), null);
    assertThat(title301.status()).as(title301.toString()).isEqualTo(400);
    assertThat(title301.json().getString("message")).contains("301 characters");

    String note = "Ý kiến của đại biểu về phương án phân bổ ngân sách. ".repeat(60).substring(0, 2001);
    var longNote = upload(pdf, docs, Map.of("X-Title", enc("Ghi chú dài"), "X-Note", enc(note)), null);
    assertThat(longNote.status()).as(longNote.toString()).isEqualTo(400);
    assertThat(longNote.code()).isEqualTo("BAD_MESSAGE");
    assertThat(longNote.json().getString("message")).contains("2001 characters").contains("documents.max_note_chars");

    var badEncoding = upload(pdf, docs, Map.of("X-Title", "%C3%28 b%E1%BA"), null);
    assertThat(badEncoding.status()).as(badEncoding.toString()).isEqualTo(400);
    assertThat(badEncoding.json().getString("message")).contains("X-Title").contains("percent-encoded");

    var noTitle = upload(pdf, docs, Map.of(), null);
    assertThat(noTitle.status()).isEqualTo(400);
    assertThat(noTitle.json().getString("message")).contains("X-Title");

    var bidi = upload(pdf, docs, Map.of("X-Title", enc("invoice\u202Efdp.exe")), null);
    assertThat(bidi.status()).isEqualTo(400);
    assertThat(bidi.code()).isEqualTo("BAD_MESSAGE");

    assertThat(documentCount()).isEqualTo(before);
  }
}
