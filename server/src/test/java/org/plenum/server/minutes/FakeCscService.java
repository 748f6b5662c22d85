package org.plenum.server.minutes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.plenum.server.testing.TestPki;

/**
 * A small remote signing service for tests, speaking the Cloud Signature Consortium API v2 subset Plenum uses
 * (credentials/list, credentials/info, credentials/authorize with a PIN, signatures/signHash), on loopback. It
 * holds RSA keys per user id, checks the bearer token, issues a one-use SAD bound to the hashes it authorised, and
 * signs a SHA-256 hash as PKCS#1 v1.5 over its DigestInfo — a fake at the edge only.
 */
final class FakeCscService implements AutoCloseable {
  static final String TOKEN = "csc-service-token-" + UUID.randomUUID();

  private final HttpServer server;
  private final String pin;
  private final Map<String, TestPki.Identity> users = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> sads = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();

  FakeCscService(String pin) throws IOException {
    this.pin = pin;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/csc/v2/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/csc/v2/";
  }

  void add(String userId, TestPki.Identity identity) {
    users.put(userId, identity);
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestURI().getPath().substring("/csc/v2/".length());
    calls.add(method);
    try {
      if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        reply(ex, 401, new JsonObject().put("error", "invalid_token"));
        return;
      }
      JsonObject body = new JsonObject(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      switch (method) {
        case "credentials/list" -> {
          String user = body.getString("userID");
          reply(ex, 200, new JsonObject().put("credentialIDs", users.containsKey(user) ? new JsonArray().add(user + "#cred") : new JsonArray()));
        }
        case "credentials/info" -> {
          TestPki.Identity id = identity(body.getString("credentialID"));
          JsonArray certs = new JsonArray();
          for (var c : id.chain()) {
            certs.add(Base64.getEncoder().encodeToString(c.getEncoded()));
          }
          reply(ex, 200, new JsonObject().put("key", new JsonObject().put("status", "enabled").put("algo", new JsonArray().add(CscSigners.RSA)).put("len", 2048))
              .put("cert", new JsonObject().put("status", "valid").put("certificates", certs)).put("authMode", "explicit"));
        }
        case "credentials/authorize" -> {
          if (!pin.equals(body.getString("PIN"))) {
            reply(ex, 400, new JsonObject().put("error", "invalid_request").put("error_description", "PIN wrong"));
            return;
          }
          String sad = UUID.randomUUID().toString();
          sads.put(sad, body);
          reply(ex, 200, new JsonObject().put("SAD", sad).put("expiresIn", 300));
        }
        case "signatures/signHash" -> {
          JsonObject authorized = sads.remove(body.getString("SAD", ""));
          if (authorized == null || !authorized.getString("credentialID").equals(body.getString("credentialID"))
              || !authorized.getJsonArray("hashes").equals(body.getJsonArray("hashes"))) {
            reply(ex, 400, new JsonObject().put("error", "invalid_request").put("error_description", "SAD not valid for these hashes"));
            return;
          }
          TestPki.Identity id = identity(body.getString("credentialID"));
          JsonArray out = new JsonArray();
          for (Object h : body.getJsonArray("hashes")) {
            byte[] digestInfo = new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
                Base64.getDecoder().decode((String) h)).getEncoded();
            Signature s = Signature.getInstance("NONEwithRSA");
            s.initSign(id.key());
            s.update(digestInfo);
            out.add(Base64.getEncoder().encodeToString(s.sign()));
          }
          reply(ex, 200, new JsonObject().put("signatures", out));
        }
        default -> reply(ex, 404, new JsonObject().put("error", "not_found"));
      }
    } catch (Exception e) {
      reply(ex, 500, new JsonObject().put("error", "server_error"));
    }
  }

  private TestPki.Identity identity(String credential) {
    TestPki.Identity id = users.get(credential.replace("#cred", ""));
    if (id == null) {
      throw new IllegalArgumentException("unknown credential");
    }
    return id;
  }

  private static void reply(HttpExchange ex, int status, JsonObject body) throws IOException {
    byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
