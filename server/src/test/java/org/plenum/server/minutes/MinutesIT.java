package org.plenum.server.minutes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;
import org.plenum.server.testing.TestPki;

/**
 * The minutes' workflow over the real REST API on a real server (protocol §16): draft from the ledger, the
 * secretary's texts, the chair's approval, the signatures of the secretary and the chair, checked by poppler's
 * pdfsig against the test CA; wrong roles, wrong order and bad bodies rejected with nothing stored.
 */
class MinutesIT {
  static final String ITEM1 = "Báo cáo tình hình kinh tế - xã hội quý IV";
  static final String ITEM2 = "Thông qua dự toán ngân sách năm 2027";
  static Path keys;
  static LiveMeetingFixture fx;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    keys = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "signing-keys-");
    fx = LiveMeetingFixture.start(Map.of("PLENUM_MINUTES_SIGNING_KEYS_DIR", keys.toString()));
    api = fx.api();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  String base(String m) {
    return "/api/meetings/" + m + "/minutes";
  }

  HttpResponse<byte[]> pdf(String m, String user, String lang) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + base(m) + "/pdf" + (lang == null ? "" : "?lang=" + lang))).GET()
        .header("Authorization", "Bearer " + fx.token(user));
    return api.client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  static String text(byte[] pdf, Path dir) throws Exception {
    Path f = Files.createTempFile(dir, "m-", ".pdf");
    Files.write(f, pdf);
    return run("pdftotext", "-layout", f.toString(), "-");
  }

  static void key(TestPki pki, String accountId, String cn) throws Exception {
    TestPki.Identity id = pki.issue(cn, false);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("signer", id.key(), "pw-123456".toCharArray(), (Certificate[]) id.chain());
    try (OutputStream out = Files.newOutputStream(keys.resolve(accountId + ".p12"))) {
      ks.store(out, "pw-123456".toCharArray());
    }
    Files.writeString(keys.resolve(accountId + ".pass"), "pw-123456\n");
  }

  /** A meeting with two public items, one finished turn of speech on the first; returns its id. */
  String meetingWithRecord() {
    String m = fx.newMeeting(List.of(ITEM1, ITEM2), List.copyOf(LiveMeetingFixture.CAST.keySet()));
    JsonArray items = fx.agendaItems(m);
    try (LiveClient chair = fx.client(m, "chair"); LiveClient d1 = fx.client(m, "delegate1")) {
      acked(chair.command("agenda.setCurrent", new JsonObject().put("itemId", items.getJsonObject(0).getString("id"))));
      String entry = dataOf(d1, d1.command("speaker.request", new JsonObject().put("kind", "SPEECH"))).getJsonObject("entry").getString("id");
      acked(chair.command("speaker.grant", new JsonObject().put("entryId", entry)));
      acked(chair.command("speaker.end", null));
    }
    assertThat(api.put("/api/meetings/" + m + "/attendance/" + fx.id("delegate1"), new JsonObject().put("status", "PRESENT"), fx.token("chair"))
        .status()).isEqualTo(200);
    return m;
  }

  @Test
  @DisplayName("MN1, MN3, MN5: the draft is built from the ledger for the people running the meeting; the secretary edits; others are FORBIDDEN")
  void draft_and_texts() throws Exception {
    String m = meetingWithRecord();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "minutes-");
    HttpResponse<byte[]> draft = pdf(m, "secretary", null);
    assertThat(draft.statusCode()).isEqualTo(200);
    assertThat(draft.headers().firstValue("Content-Type")).contains("application/pdf");
    String text = text(draft.body(), dir);
    assertThat(text).contains("BIÊN BẢN", "DỰ THẢO", ITEM1, ITEM2, "Ý kiến phát biểu", "Có mặt");
    assertThat(text(pdf(m, "chair", "en").body(), dir)).contains("MINUTES", "DRAFT", ITEM2);

    assertThat(pdf(m, "delegate1", null).statusCode()).isEqualTo(403);
    assertThat(api.get(base(m), fx.token("delegate1")).code()).isEqualTo("FORBIDDEN");
    assertThat(pdf(m, "chair", "fr").statusCode()).isEqualTo(400);

    String item2 = fx.agendaItems(m).getJsonObject(1).getString("id");
    JsonObject texts = new JsonObject().put("number", "07/BB-UBND").put("items", new JsonObject()
        .put(item2, new JsonObject().put("summary", "Đại biểu thảo luận về dự toán.").put("decision", "Thống nhất thông qua dự toán ngân sách năm 2027.")));
    assertThat(api.put(base(m) + "/texts", texts, fx.token("delegate1")).code()).isEqualTo("FORBIDDEN");
    assertThat(api.put(base(m) + "/texts", texts, fx.token("chair")).code()).isEqualTo("FORBIDDEN");
    assertThat(api.put(base(m) + "/texts", texts.copy().put("colour", "red"), fx.token("secretary")).code()).isEqualTo("BAD_MESSAGE");
    assertThat(api.put(base(m) + "/texts", new JsonObject().put("items", new JsonObject().put("not-an-id", new JsonObject())), fx.token("secretary"))
        .code()).isEqualTo("BAD_MESSAGE");
    assertThat(api.put(base(m) + "/texts", new JsonObject().put("closing", "x".repeat(20_001)), fx.token("secretary")).code())
        .isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(api.get(base(m), fx.token("chair")).json().getInteger("edits")).isZero();

    Api.Response saved = api.put(base(m) + "/texts", texts, fx.token("secretary"));
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    assertThat(saved.json().getInteger("edits")).isEqualTo(1);
    assertThat(text(pdf(m, "chair", null).body(), dir)).contains("Số: 07/BB-UBND", "Thống nhất thông qua dự toán ngân sách năm 2027.");
    JsonArray ledger = fx.ledger(m);
    assertThat(ledger.getJsonObject(ledger.size() - 1).getString("type")).isEqualTo("minutes.edited");
  }

  @Test
  @DisplayName("MN4, MN6: approval by the chair after the meeting closes freezes the PDF (its SHA-256 in the ledger); secretary then chair sign (two signing requests at once: one stored, one CONFLICT); pdfsig validates both against the test CA")
  void approve_and_sign() throws Exception {
    String m = meetingWithRecord();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "minutes-");
    assertThat(api.post(base(m) + "/approve", new JsonObject(), fx.token("secretary")).code()).isEqualTo("FORBIDDEN");
    assertThat(api.post(base(m) + "/approve", new JsonObject(), fx.token("chair")).code()).as("meeting still scheduled").isEqualTo("CONFLICT");
    assertThat(api.post("/api/meetings/" + m + "/status", new JsonObject().put("status", "OPEN"), fx.token("chair")).status()).isEqualTo(200);
    assertThat(api.post("/api/meetings/" + m + "/status", new JsonObject().put("status", "CLOSED"), fx.token("chair")).status()).isEqualTo(200);
    assertThat(api.post(base(m) + "/approve", new JsonObject().put("language", "de"), fx.token("chair")).code()).isEqualTo("BAD_MESSAGE");

    Api.Response approved = api.post(base(m) + "/approve", new JsonObject().put("language", "vi"), fx.token("chair"));
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    String sha = approved.json().getString("sha256");
    byte[] frozen = pdf(m, "secretary", null).body();
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(frozen))).isEqualTo(sha);
    assertThat(text(frozen, dir)).contains("BIÊN BẢN", ITEM1).doesNotContain("DỰ THẢO");
    JsonArray ledger = fx.ledger(m);
    JsonObject event = ledger.getJsonObject(ledger.size() - 1);
    assertThat(event.getString("type")).isEqualTo("minutes.approved");
    assertThat(event.getJsonObject("data").getString("sha256")).isEqualTo(sha);
    assertThat(text(frozen, dir)).contains(event.getJsonObject("data").getString("ledgerHash"));

    assertThat(api.post(base(m) + "/approve", new JsonObject(), fx.token("chair")).code()).as("second approval").isEqualTo("CONFLICT");
    assertThat(api.put(base(m) + "/texts", new JsonObject().put("closing", "late"), fx.token("secretary")).code()).as("edit after approval")
        .isEqualTo("CONFLICT");
    assertThat(pdf(m, "delegate2", null).statusCode()).isEqualTo(403);

    assertThat(api.post(base(m) + "/sign", new JsonObject(), fx.token("delegate1")).code()).isEqualTo("FORBIDDEN");
    assertThat(api.post(base(m) + "/sign", new JsonObject(), fx.token("chair")).code()).as("chair before secretary").isEqualTo("CONFLICT");
    assertThat(api.post(base(m) + "/sign", new JsonObject(), fx.token("secretary")).code()).as("no key yet").isEqualTo("CONFLICT");
    assertThat(api.get(base(m), fx.token("chair")).json().getString("state")).isEqualTo("FINAL");

    TestPki pki = TestPki.create();
    key(pki, fx.id("secretary"), "Lê Thị Thư Ký");
    key(pki, fx.id("chair"), "Nguyễn Văn Chủ Trì");
    // two signing requests of the secretary at once: both may sign outside the transaction (D36), one is stored, the
    // other is CONFLICT with nothing stored (the ledger check at the end counts the events)
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.Callable<Api.Response> signs = () -> api.post(base(m) + "/sign", new JsonObject(), fx.token("secretary"));
    List<Api.Response> answers = new java.util.ArrayList<>();
    for (java.util.concurrent.Future<Api.Response> f : two.invokeAll(List.of(signs, signs))) {
      answers.add(f.get());
    }
    two.shutdown();
    assertThat(answers).extracting(Api.Response::status).as(answers.toString()).containsExactlyInAnyOrder(200, 409);
    Api.Response first = answers.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
    assertThat(first.json().getString("state")).isEqualTo("SIGNED_BY_SECRETARY");
    assertThat(api.post(base(m) + "/sign", new JsonObject(), fx.token("secretary")).code()).as("secretary twice").isEqualTo("CONFLICT");
    assertThat(pdf(m, "delegate2", null).statusCode()).isEqualTo(403);
    Api.Response second = api.post(base(m) + "/sign", new JsonObject(), fx.token("chair"));
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().getString("state")).isEqualTo("SIGNED");

    // every participant reads the signed minutes; the frozen bytes are its first revision
    HttpResponse<byte[]> signed = pdf(m, "delegate2", null);
    assertThat(signed.statusCode()).isEqualTo(200);
    byte[] bytes = signed.body();
    assertThat(java.util.Arrays.copyOf(bytes, frozen.length)).isEqualTo(frozen);
    JsonObject state = api.get(base(m), fx.token("delegate2")).json();
    assertThat(state.getString("state")).isEqualTo("SIGNED");
    assertThat(state.getJsonArray("signatures")).hasSize(2);
    assertThat(state.containsKey("texts")).isFalse();

    Path file = dir.resolve("signed.pdf");
    Files.write(file, bytes);
    Path nss = dir.resolve("nss");
    Files.createDirectories(nss);
    run("certutil", "-N", "-d", "sql:" + nss, "--empty-password");
    Path ca = pki.writeRootPem(dir.resolve("root.pem"));
    run("certutil", "-A", "-d", "sql:" + nss, "-n", "plenum-test-root", "-t", "CT,C,C", "-a", "-i", ca.toString());
    String sig = run("pdfsig", "-nssdir", "sql:" + nss, file.toString());
    assertThat(sig).contains("Signature #1", "Signature #2", "Lê Thị Thư Ký", "Nguyễn Văn Chủ Trì", "ETSI.CAdES.detached");
    assertThat(sig.split("Signature is Valid", -1)).as(sig).hasSize(3);
    assertThat(sig.split("Certificate is Trusted", -1)).as(sig).hasSize(3);
    assertThat(sig).contains("Total document signed").as("the chair's signature covers the whole file");
    assertThat(run("qpdf", "--check", file.toString())).contains("No syntax or stream encoding errors");

    // one changed byte inside the signed range: pdfsig reports the signature invalid
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = s.indexOf("BT") + 1;
    bytes[at + 3] = (byte) (bytes[at + 3] ^ 0x01);
    Path broken = dir.resolve("broken.pdf");
    Files.write(broken, bytes);
    String bad = run("pdfsig", "-nssdir", "sql:" + nss, broken.toString());
    assertThat(bad).as(bad).doesNotContain("Signature is Valid");

    JsonArray all = fx.ledger(m);
    assertThat(all.stream().map(o -> ((JsonObject) o).getString("type")).filter(t -> t.startsWith("minutes.")).toList())
        .containsExactly("minutes.approved", "minutes.signed", "minutes.signed");
  }
}
