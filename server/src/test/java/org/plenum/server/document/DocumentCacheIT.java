package org.plenum.server.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.PdfCorpus;
import org.plenum.server.testing.TestServer;

/** The document cache on disk (D40) and byte ranges, through the real REST API, with real PostgreSQL and real PDFs. */
class DocumentCacheIT {
  static final long BOUND = 5L * 1024 * 1024;
  static TestServer server;
  static Api api;
  static String meeting;
  static String secretary;
  static String delegate;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "doc-cache-");
    server = TestServer.start(Map.of("PLENUM_DOCUMENTS_CACHE_MAX_BYTES", String.valueOf(BOUND), "PLENUM_DOCUMENTS_VALIDATION_TIMEOUT", "20s"));
    signIn();
    meeting = api.get("/api/meetings", secretary).array("meetings").getJsonObject(0).getString("id");
  }

  static void signIn() {
    api = server.api();
    secretary = api.login("secretary", TestServer.DEMO_PASSWORD);
    delegate = api.login("delegate1", TestServer.DEMO_PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Published(byte[] bytes, String sha, String content, String watermarked, String thumbnail) {}

  static Published publish(Path pdf) throws Exception {
    var r = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/meetings/" + meeting + "/documents?title=cache"))
        .header("Content-Type", "application/pdf").header("X-Filename", pdf.getFileName().toString())
        .POST(HttpRequest.BodyPublishers.ofFile(pdf)), secretary);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    var v = r.json().getJsonArray("versions").getJsonObject(0);
    byte[] bytes = Files.readAllBytes(pdf);
    assertThat(v.getString("sha256")).isEqualTo(sha(bytes));
    String content = v.getString("contentUrl");
    return new Published(bytes, v.getString("sha256"), content, v.getString("watermarkedUrl"),
        content.replace("/content", "/pages/1/thumbnail") + "?width=200");
  }

  static String sha(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path)).GET().header("Authorization", "Bearer " + delegate);
    headers.forEach(b::header);
    return api.client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static byte[] get(String path, Map<String, String> headers, int status) throws Exception {
    var r = get(path, headers);
    assertThat(r.statusCode()).as(path + " " + headers + " " + new String(r.body(), 0, Math.min(300, r.body().length))).isEqualTo(status);
    return r.body();
  }

  static Path cached(String kind, String hex) {
    return server.app().config().data().dir().resolve("cache").resolve(kind).resolve(hex.substring(0, 2)).resolve(hex.substring(2));
  }

  /** A counter or gauge of /metrics (Prometheus text), 0 when absent. */
  static double metric(String name, String tag) {
    return org.plenum.server.testing.Metrics.value(api, name, tag);
  }

  static double misses(String kind) {
    return metric("plenum_documents_cache_misses_total", "kind=\"" + kind + "\"");
  }

  @Test
  @DisplayName("DC1, DC2, DC3, DC4: every range form gives 206 with exactly its bytes; unsatisfiable is 416 with bytes */size; malformed "
      + "and multi-range give 200 and the whole file; If-Range and If-None-Match follow the ETag")
  void ranges() throws Exception {
    var d = publish(PdfCorpus.validPdf(dir, 3, "Phạm vi byte"));
    byte[] b = d.bytes();
    int n = b.length;
    var part = get(d.content(), Map.of("Range", "bytes=10-109"));
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(b, 10, 110));
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-109/" + n);
    assertThat(part.headers().firstValue("Content-Length")).hasValue("100");
    assertThat(part.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(part.headers().firstValue("ETag")).hasValue("\"" + d.sha() + "\"");
    assertThat(get(d.content(), Map.of("Range", "bytes=100-"), 206)).isEqualTo(Arrays.copyOfRange(b, 100, n));
    assertThat(get(d.content(), Map.of("Range", "bytes=-100"), 206)).isEqualTo(Arrays.copyOfRange(b, n - 100, n));
    assertThat(get(d.content(), Map.of("Range", "bytes=5-" + (n + 1000)), 206)).isEqualTo(Arrays.copyOfRange(b, 5, n));
    assertThat(get(d.content(), Map.of("Range", "bytes=-" + (n + 1000)), 206)).isEqualTo(b);

    for (String unsatisfiable : List.of("bytes=" + n + "-", "bytes=" + (n + 5) + "-" + (n + 10), "bytes=-0")) {
      var r = get(d.content(), Map.of("Range", unsatisfiable));
      assertThat(r.statusCode()).as(unsatisfiable).isEqualTo(416);
      assertThat(r.headers().firstValue("Content-Range")).as(unsatisfiable).hasValue("bytes */" + n);
      assertThat(new String(r.body())).contains("RANGE_NOT_SATISFIABLE");
    }
    for (String ignored : List.of("bytes=abc", "items=0-10", "bytes=20-10", "bytes=0-1,5-6", "bytes=")) {
      var r = get(d.content(), Map.of("Range", ignored));
      assertThat(r.statusCode()).as(ignored).isEqualTo(200);
      assertThat(r.body()).as(ignored).isEqualTo(b);
      assertThat(r.headers().firstValue("Content-Range")).as(ignored).isEmpty();
    }
    String etag = "\"" + d.sha() + "\"";
    assertThat(get(d.content(), Map.of("Range", "bytes=0-9", "If-Range", etag), 206)).isEqualTo(Arrays.copyOf(b, 10));
    assertThat(get(d.content(), Map.of("Range", "bytes=0-9", "If-Range", "\"other\""), 200)).isEqualTo(b);
    assertThat(get(d.content(), Map.of("Range", "bytes=0-9", "If-Range", "Fri, 04 Dec 2026 10:00:00 GMT"), 200)).isEqualTo(b);
    assertThat(get(d.content(), Map.of("If-None-Match", etag), 304)).isEmpty();
    assertThat(get(d.content(), Map.of("If-None-Match", "\"other\", " + etag), 304)).isEmpty();
    assertThat(get(d.content(), Map.of("If-None-Match", "\"other\""), 200)).isEqualTo(b);
  }

  @Test
  @DisplayName("DC5, DC6, DC9: the first read writes the cache file once, named by its SHA-256 and holding exactly the contents; later reads "
      + "send that same file, counted as hits and as bytes served from the cache")
  void written_once_and_verified() throws Exception {
    var d = publish(PdfCorpus.validPdf(dir, 2, "Ghi một lần"));
    Path file = cached("blobs", d.sha());
    double missesBefore = misses("blobs");
    assertThat(get(d.content(), Map.of(), 200)).isEqualTo(d.bytes());
    assertThat(file).isRegularFile();
    assertThat(sha(Files.readAllBytes(file))).isEqualTo(d.sha());
    Object inode = Files.getAttribute(file, "unix:ino");
    var modified = Files.getLastModifiedTime(file);
    double hitsBefore = metric("plenum_documents_cache_hits_total", "kind=\"blobs\"");
    double servedBefore = metric("plenum_documents_served_bytes_total", "source=\"cache\"");
    assertThat(get(d.content(), Map.of(), 200)).isEqualTo(d.bytes());
    assertThat(get(d.content(), Map.of("Range", "bytes=0-99"), 206)).isEqualTo(Arrays.copyOf(d.bytes(), 100));
    assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    assertThat(misses("blobs")).isEqualTo(missesBefore + 1);
    assertThat(metric("plenum_documents_cache_hits_total", "kind=\"blobs\"")).isEqualTo(hitsBefore + 2);
    assertThat(metric("plenum_documents_served_bytes_total", "source=\"cache\"")).isEqualTo(servedBefore + d.bytes().length + 100);
    assertThat(metric("plenum_documents_cache_bytes", null)).isPositive();
  }

  @Test
  @DisplayName("DC6: sixteen readers asking at once for contents not yet cached get the right bytes from a single fill")
  void concurrent_first_reads_fill_once() throws Exception {
    var d = publish(PdfCorpus.bigPdf(dir, 1024 * 1024));
    double before = misses("blobs");
    List<CompletableFuture<HttpResponse<byte[]>>> all = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      all.add(api.client().sendAsync(HttpRequest.newBuilder(URI.create(api.base() + d.content())).header("Authorization", "Bearer " + delegate)
          .GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
    }
    for (var f : all) {
      var r = f.get();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(sha(r.body())).isEqualTo(d.sha());
    }
    assertThat(misses("blobs")).isEqualTo(before + 1);
    try (var parts = Files.list(cached("blobs", d.sha()).getParent().getParent().getParent().resolve("tmp"))) {
      assertThat(parts.toList()).isEmpty();
    }
  }

  @Test
  @DisplayName("DC7: a cache file deleted, cut short or grown is made again from PostgreSQL; one changed in place is caught by its "
      + "SHA-256 after a restart")
  void rebuilt_from_postgresql() throws Exception {
    var d = publish(PdfCorpus.validPdf(dir, 2, "Tự sửa"));
    Path file = cached("blobs", d.sha());
    assertThat(get(d.content(), Map.of(), 200)).isEqualTo(d.bytes());

    Files.delete(file);
    assertThat(get(d.content(), Map.of(), 200)).isEqualTo(d.bytes());
    assertThat(Files.readAllBytes(file)).isEqualTo(d.bytes());

    Files.write(file, Arrays.copyOf(d.bytes(), d.bytes().length / 2));
    assertThat(get(d.content(), Map.of("Range", "bytes=-100"), 206)).isEqualTo(Arrays.copyOfRange(d.bytes(), d.bytes().length - 100, d.bytes().length));
    assertThat(Files.readAllBytes(file)).isEqualTo(d.bytes());

    Files.write(file, "garbage".getBytes(), StandardOpenOption.APPEND);
    assertThat(get(d.content(), Map.of(), 200)).isEqualTo(d.bytes());
    assertThat(Files.readAllBytes(file)).isEqualTo(d.bytes());

    byte[] flipped = d.bytes().clone();
    flipped[flipped.length / 2] ^= 0x55;
    Files.write(file, flipped);
    server = server.restart();
    signIn();
    assertThat(get(d.content(), Map.of(), 200)).isEqualTo(d.bytes());
    assertThat(Files.readAllBytes(file)).isEqualTo(d.bytes());
  }

  @Test
  @DisplayName("DC5: when the cache cannot be written the contents are served straight from PostgreSQL, counted as such")
  void served_from_postgresql_when_the_cache_fails() throws Exception {
    var d = publish(PdfCorpus.validPdf(dir, 1, "Dự phòng"));
    Path tmp = server.app().config().data().dir().resolve("cache").resolve("tmp");
    if (Files.isDirectory(tmp)) {
      try (var parts = Files.list(tmp)) {
        for (Path p : parts.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(tmp);
    }
    Files.writeString(tmp, "not a folder");
    try {
      double before = metric("plenum_documents_served_bytes_total", "source=\"database\"");
      assertThat(get(d.content(), Map.of(), 200)).isEqualTo(d.bytes());
      assertThat(get(d.content(), Map.of("Range", "bytes=1-10"), 206)).isEqualTo(Arrays.copyOfRange(d.bytes(), 1, 11));
      // the bytes are counted once written, which may be just after the client has them: wait for the count
      double expected = before + d.bytes().length + 10;
      for (int i = 0; i < 50 && metric("plenum_documents_served_bytes_total", "source=\"database\"") < expected; i++) {
        Thread.sleep(100);
      }
      assertThat(metric("plenum_documents_served_bytes_total", "source=\"database\"")).isEqualTo(expected);
      assertThat(cached("blobs", d.sha())).doesNotExist();
    } finally {
      Files.delete(tmp);
    }
    assertThat(get(d.content(), Map.of(), 200)).isEqualTo(d.bytes());
    assertThat(cached("blobs", d.sha())).isRegularFile();
  }

  @Test
  @DisplayName("DC8: beyond documents.cache_max_bytes the least recently used file is deleted, never the one just written; it comes back on demand")
  void eviction_at_the_bound() throws Exception {
    var a = publish(PdfCorpus.bigPdf(dir, 1200 * 1024));
    var b = publish(PdfCorpus.bigPdf(dir, 1200 * 1024));
    var c = publish(PdfCorpus.bigPdf(dir, 1200 * 1024));
    assertThat(a.bytes().length + b.bytes().length + c.bytes().length).isGreaterThan((int) BOUND);
    assertThat(b.bytes().length + c.bytes().length).isLessThan((int) BOUND);
    double evictions = metric("plenum_documents_cache_evictions_total", null);
    get(a.content(), Map.of("Range", "bytes=0-0"), 206);
    get(b.content(), Map.of("Range", "bytes=0-0"), 206);
    get(c.content(), Map.of("Range", "bytes=0-0"), 206);
    assertThat(cached("blobs", a.sha())).doesNotExist();
    assertThat(cached("blobs", b.sha())).isRegularFile();
    assertThat(cached("blobs", c.sha())).isRegularFile();
    assertThat(metric("plenum_documents_cache_evictions_total", null)).isGreaterThan(evictions);
    assertThat(metric("plenum_documents_cache_bytes", null)).isLessThanOrEqualTo(BOUND);
    assertThat(get(a.content(), Map.of(), 200)).isEqualTo(a.bytes());
    assertThat(cached("blobs", a.sha())).isRegularFile();
    assertThat(cached("blobs", b.sha())).doesNotExist();
    assertThat(metric("plenum_documents_cache_bytes", null)).isLessThanOrEqualTo(BOUND);
  }

  @Test
  @DisplayName("DC10: a watermarked copy and a thumbnail are cached by what makes them: asked again, the same file is sent")
  void watermarked_and_thumbnail_cached() throws Exception {
    var d = publish(PdfCorpus.validPdf(dir, 2, "Bản đóng dấu"));
    boolean cachedPair = false;
    for (int attempt = 0; attempt < 3 && !cachedPair; attempt++) {
      double before = misses("watermarked");
      byte[] first = get(d.watermarked(), Map.of(), 200);
      byte[] second = get(d.watermarked(), Map.of(), 200);
      // the stamp names the minute: a pair straddling a minute rightly makes two copies, so try again
      cachedPair = misses("watermarked") == before + 1 && Arrays.equals(first, second);
    }
    assertThat(cachedPair).as("a second watermarked download within the minute is the cached copy").isTrue();
    var wm = get(d.watermarked(), Map.of());
    assertThat(wm.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(new String(wm.body(), 0, 5)).isEqualTo("%PDF-");

    double before = misses("thumbnails");
    byte[] png = get(d.thumbnail(), Map.of(), 200);
    assertThat(get(d.thumbnail(), Map.of(), 200)).isEqualTo(png);
    assertThat(misses("thumbnails")).isEqualTo(before + 1);
    assertThat(Arrays.copyOfRange(png, 1, 4)).isEqualTo("PNG".getBytes());
  }
}
