package org.plenum.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.TestServer;

class WebEdgeIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("PLENUM_HTTP_ALLOWED_ORIGINS", "https://hop.example.vn"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A WebSocket upgrade sent by hand (java.net.http will not send Upgrade headers); the answer's head and body. */
  static String upgrade(String path, String origin) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      String req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
          + "\r\n";
      OutputStream out = s.getOutputStream();
      out.write(req.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      StringBuilder text = new StringBuilder();
      long until = System.currentTimeMillis() + 5000;
      while (System.currentTimeMillis() < until) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        if (text.indexOf("\r\n\r\n") > 0 && (text.toString().startsWith("HTTP/1.1 101") || text.indexOf("}") > 0)) {
          break;
        }
      }
      return text.toString();
    }
  }

  @Test
  @DisplayName("W1: a WebSocket upgrade from another site's page is FORBIDDEN before the ticket is looked at; the server's own origin, "
      + "an origin in http.allowed_origins and clients without Origin reach the ticket check, and a good ticket from the own origin opens")
  void websocket_origin() throws Exception {
    Api api = server.api();
    String admin = api.login("admin", TestServer.DEMO_PASSWORD);
    String meeting = api.get("/api/meetings", admin).array("meetings").getJsonObject(0).getString("id");
    String path = "/ws/meetings/" + meeting + "?ticket=not-a-ticket";
    String evil = upgrade(path, "https://evil.example");
    assertThat(evil).startsWith("HTTP/1.1 403").contains("FORBIDDEN");
    assertThat(upgrade(path, "http://127.0.0.1:" + (server.port() + 1))).as("another port is another origin").startsWith("HTTP/1.1 403");
    assertThat(upgrade(path, "http://127.0.0.1:" + server.port())).startsWith("HTTP/1.1 401");
    assertThat(upgrade(path, "https://hop.example.vn")).startsWith("HTTP/1.1 401");
    assertThat(upgrade(path, null)).startsWith("HTTP/1.1 401");
    String ticket = api.post("/api/meetings/" + meeting + "/ws-ticket", null, admin).json().getString("ticket");
    assertThat(upgrade("/ws/meetings/" + meeting + "?ticket=" + ticket, "http://127.0.0.1:" + server.port())).startsWith("HTTP/1.1 101");
  }

  @Test
  @DisplayName("W2: the web client, its assets and the API answer with a strict Content-Security-Policy, X-Frame-Options DENY, "
      + "Referrer-Policy no-referrer and X-Content-Type-Options nosniff")
  void security_headers() throws Exception {
    Api api = server.api();
    for (String path : new String[] {"/", "/kiosk.html", "/api/meetings", "/health", "/no-such-page"}) {
      Api.Response r = api.get(path);
      var h = r.headers();
      assertThat(h.firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
          .contains("default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "frame-ancestors 'none'")
          .doesNotContain("'unsafe-eval'", "script-src 'self' 'unsafe-inline'"));
      assertThat(h.firstValue("X-Frame-Options")).as(path).contains("DENY");
      assertThat(h.firstValue("Referrer-Policy")).as(path).contains("no-referrer");
      assertThat(h.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
    }
  }

  static String raw(String head) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  @DisplayName("W3: a request line or headers over the server's limits get 414 or 431 with the JSON error body, not an empty answer")
  void over_limit_requests_get_the_json_error_body() throws Exception {
    String longTitle = java.net.URLEncoder.encode("Báo cáo ".repeat(1250), StandardCharsets.UTF_8);
    String uri = raw("POST /api/meetings/x/documents?title=" + longTitle + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
    assertThat(uri).matches("(?s)HTTP/1\\.[01] 414 .*").contains("\"code\":\"PAYLOAD_TOO_LARGE\"").contains("\"message\"");
    // over the header limit, which DU8 derives from the title and note limits (about 38 KB by default)
    int overHeaderLimit = server.app().config().documents().maxHeaderBytes() + 10_000;
    String headers = raw("GET /api/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Note: " + "a".repeat(overHeaderLimit) + "\r\n\r\n");
    assertThat(headers).matches("(?s)HTTP/1\\.[01] 431 .*").contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
  }
}
