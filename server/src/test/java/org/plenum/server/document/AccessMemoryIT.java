package org.plenum.server.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.PdfCorpus;
import org.plenum.server.testing.TestServer;

/**
 * D46: access decisions kept in memory (verified tokens, login sessions, roles in a meeting, documents' access) never
 * outlive the change that ends them. Each case first reads so that everything it depends on is remembered, then
 * changes it through the real API and reads again at once: the answer follows the change.
 */
class AccessMemoryIT {
  static TestServer server;
  static Api api;
  static String meeting;
  static String secretary;
  static String admin;
  static Path dir;
  static Path pdf;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "access-memory-");
    server = TestServer.start(Map.of());
    api = server.api();
    secretary = api.login("secretary", TestServer.DEMO_PASSWORD);
    admin = api.login("admin", TestServer.DEMO_PASSWORD);
    meeting = api.get("/api/meetings", secretary).array("meetings").getJsonObject(0).getString("id");
    pdf = PdfCorpus.validPdf(dir, 2, "Bộ nhớ quyền truy cập");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String publish(String query) throws Exception {
    var r = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/meetings/" + meeting + "/documents?" + query))
        .header("Content-Type", "application/pdf").header("X-Filename", "memo.pdf").POST(HttpRequest.BodyPublishers.ofFile(pdf)), secretary);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().getJsonArray("versions").getJsonObject(0).getString("contentUrl");
  }

  static int read(String content, String token) {
    for (int i = 0; i < 3; i++) { // three reads: the later ones are answered from memory
      int status = api.get(content, token).status();
      if (i == 2 || status != 200) {
        return status;
      }
    }
    return -1;
  }

  static String accountId(String username) {
    for (Object o : api.get("/api/meetings/" + meeting + "/participants", secretary).array("participants")) {
      JsonObject p = (JsonObject) o;
      if (p.getString("username").equals(username)) {
        return p.getString("accountId");
      }
    }
    throw new AssertionError("no participant " + username);
  }

  @Test
  @DisplayName("AM1, DA5: narrowing a document's access refuses a reader at once though the document was remembered; widening admits at once")
  void document_access_change_is_seen_at_once() throws Exception {
    String delegate1 = api.login("delegate1", TestServer.DEMO_PASSWORD);
    String delegate2 = api.login("delegate2", TestServer.DEMO_PASSWORD);
    String content = publish("title=memo-access");
    String access = content.substring(0, content.indexOf("/versions/")) + "/access";
    assertThat(read(content, delegate1)).isEqualTo(200);

    var narrowed = api.put(access, new JsonObject().put("kind", "PEOPLE").put("people", new JsonArray().add(accountId("delegate2"))), secretary);
    assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
    assertThat(api.get(content, delegate1).code()).isEqualTo("FORBIDDEN");
    assertThat(read(content, delegate2)).isEqualTo(200);

    assertThat(api.put(access, new JsonObject().put("kind", "EVERYONE"), secretary).status()).isEqualTo(200);
    assertThat(api.get(content, delegate1).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("AM1, DA2: a participant's new role counts at once, both ways, for reads and for socket tickets")
  void role_change_is_seen_at_once() throws Exception {
    String delegate3 = api.login("delegate3", TestServer.DEMO_PASSWORD);
    String id = accountId("delegate3");
    String content = publish("title=memo-roles&access=ROLES&roles=OBSERVER");
    assertThat(read(content, delegate3)).isEqualTo(403);

    var observer = api.put("/api/meetings/" + meeting + "/participants", new JsonObject().put("accountId", id).put("role", "OBSERVER")
        .put("votingRight", false), secretary);
    assertThat(observer.status()).as(observer.toString()).isEqualTo(200);
    assertThat(read(content, delegate3)).isEqualTo(200);

    assertThat(api.put("/api/meetings/" + meeting + "/participants", new JsonObject().put("accountId", id).put("role", "DELEGATE")
        .put("votingRight", true), secretary).status()).isEqualTo(200);
    assertThat(api.get(content, delegate3).code()).isEqualTo("FORBIDDEN");
    assertThat(api.post("/api/meetings/" + meeting + "/ws-ticket", null, delegate3).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("AM1, AD3: a remembered session ends at once on sign-out, stops while its account is disabled and works again when enabled")
  void session_end_is_seen_at_once() throws Exception {
    String content = publish("title=memo-sessions");
    String delegate4 = api.login("delegate4", TestServer.DEMO_PASSWORD);
    assertThat(read(content, delegate4)).isEqualTo(200);
    assertThat(api.post("/api/auth/logout", null, delegate4).status()).isIn(200, 204);
    assertThat(api.get(content, delegate4).code()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(api.post("/api/meetings/" + meeting + "/ws-ticket", null, delegate4).code()).isEqualTo("NOT_AUTHENTICATED");

    String delegate5 = api.login("delegate5", TestServer.DEMO_PASSWORD);
    assertThat(read(content, delegate5)).isEqualTo(200);
    String id = accountId("delegate5");
    assertThat(api.put("/api/accounts/" + id + "/disabled", new JsonObject().put("disabled", true), admin).status()).isEqualTo(200);
    assertThat(api.get(content, delegate5).code()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(api.put("/api/accounts/" + id + "/disabled", new JsonObject().put("disabled", false), admin).status()).isEqualTo(200);
    assertThat(api.get(content, delegate5).status()).as("enabled again at once (AD3: disabling ends no session)").isEqualTo(200);
  }

  @Test
  @DisplayName("AM2: a token remembered as verified does not vouch for an altered copy of it (bad input)")
  void altered_tokens_are_refused() throws Exception {
    String content = publish("title=memo-forged");
    String delegate6 = api.login("delegate6", TestServer.DEMO_PASSWORD);
    assertThat(read(content, delegate6)).isEqualTo(200);
    int dot = delegate6.lastIndexOf('.');
    String[] forged = {
        delegate6.substring(0, delegate6.length() - 2) + (delegate6.endsWith("AA") ? "BB" : "AA"),   // signature changed
        delegate6.substring(0, dot) + ".",                                                             // signature dropped
        delegate6 + "x",                                                                               // trailing garbage
        delegate6.substring(0, dot + 1) + delegate6.substring(dot + 1).toUpperCase(java.util.Locale.ROOT)};
    for (String f : forged) {
      assertThat(api.get(content, f).code()).as(f).isEqualTo("NOT_AUTHENTICATED");
    }
    assertThat(api.get(content, delegate6).status()).isEqualTo(200);
  }
}
