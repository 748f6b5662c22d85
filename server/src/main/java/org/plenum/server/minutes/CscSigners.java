package org.plenum.server.minutes;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * Signers behind a remote signing service speaking the Cloud Signature Consortium API v2 (the interface SIM-PKI style
 * services offer, D23): {@code credentials/list} for the account ({@code userID} = the account id),
 * {@code credentials/info} for the certificate chain and key algorithm, {@code credentials/authorize} with the user's
 * authorisation (PIN or OTP the signer typed, giving a SAD), and {@code signatures/signHash} over the SHA-256 of the
 * signed attributes. The service's bearer token is read from a file; neither it nor the user's PIN is logged.
 */
public final class CscSigners implements Signer.Directory {
  static final String SHA256 = "2.16.840.1.101.3.4.2.1";
  static final String RSA = "1.2.840.113549.1.1.1";
  static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
  static final String EC_KEY = "1.2.840.10045.2.1";

  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public CscSigners(URI base, String token) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.token = token;
  }

  @Override
  public Optional<Signer> forAccount(UUID account, String authorization) {
    JsonArray ids = call("credentials/list", new JsonObject().put("userID", account.toString())).getJsonArray("credentialIDs", new JsonArray());
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    String credential = ids.getString(0);
    JsonObject info = call("credentials/info", new JsonObject().put("credentialID", credential).put("certificates", "chain"));
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Object c : info.getJsonObject("cert", new JsonObject()).getJsonArray("certificates", new JsonArray())) {
        chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode((String) c))));
      }
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new PlenumException(ErrorCode.UNAVAILABLE, "The signing service sent a certificate that cannot be read.");
    }
    if (chain.isEmpty()) {
      throw new PlenumException(ErrorCode.UNAVAILABLE, "The signing service sent no certificate for this account.");
    }
    JsonArray algos = info.getJsonObject("key", new JsonObject()).getJsonArray("algo", new JsonArray());
    boolean ec = algos.contains(EC_KEY) || algos.contains(ECDSA_SHA256) || "EC".equals(chain.get(0).getPublicKey().getAlgorithm());
    return Optional.of(new Remote(credential, List.copyOf(chain), ec, authorization));
  }

  private final class Remote implements Signer {
    private final String credential;
    private final List<X509Certificate> chain;
    private final boolean ec;
    private final String authorization;

    Remote(String credential, List<X509Certificate> chain, boolean ec, String authorization) {
      this.credential = credential;
      this.chain = chain;
      this.ec = ec;
      this.authorization = authorization;
    }

    @Override
    public List<X509Certificate> chain() {
      return chain;
    }

    @Override
    public String algorithm() {
      return ec ? "SHA256withECDSA" : "SHA256withRSA";
    }

    @Override
    public byte[] sign(byte[] toBeSigned) throws GeneralSecurityException {
      String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(toBeSigned));
      JsonObject auth = new JsonObject().put("credentialID", credential).put("numSignatures", 1).put("hashes", new JsonArray().add(hash))
          .put("hashAlgorithmOID", SHA256);
      if (authorization != null) {
        auth.put("PIN", authorization);
      }
      String sad = call("credentials/authorize", auth).getString("SAD");
      if (sad == null) {
        throw new PlenumException(ErrorCode.FORBIDDEN, "The signing service did not authorise this signature.");
      }
      JsonObject signed = call("signatures/signHash", new JsonObject().put("credentialID", credential).put("SAD", sad)
          .put("hashes", new JsonArray().add(hash)).put("hashAlgorithmOID", SHA256).put("signAlgo", ec ? ECDSA_SHA256 : RSA));
      JsonArray sigs = signed.getJsonArray("signatures", new JsonArray());
      if (sigs.size() != 1) {
        throw new PlenumException(ErrorCode.UNAVAILABLE, "The signing service returned " + sigs.size() + " signatures for one hash.");
      }
      return Base64.getDecoder().decode(sigs.getString(0));
    }
  }

  /** One CSC call: POST JSON with the service token; a 4xx from the service about the user's authorisation is FORBIDDEN. */
  private JsonObject call(String method, JsonObject body) {
    HttpRequest req = HttpRequest.newBuilder(base.resolve(method)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    try {
      HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() == 401 || res.statusCode() == 403 || (res.statusCode() == 400 && method.equals("credentials/authorize"))) {
        String error = safeError(res.body());
        throw new PlenumException(ErrorCode.FORBIDDEN, "The signing service refused " + method + (error.isEmpty() ? "" : " (" + error + ")") + ".");
      }
      if (res.statusCode() != 200) {
        throw new PlenumException(ErrorCode.UNAVAILABLE, "The signing service answered " + res.statusCode() + " to " + method + ".");
      }
      return new JsonObject(res.body());
    } catch (IOException e) {
      throw new PlenumException(ErrorCode.UNAVAILABLE, "The signing service cannot be reached: " + e.getClass().getSimpleName() + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlenumException(ErrorCode.UNAVAILABLE, "Interrupted while calling the signing service.");
    } catch (io.vertx.core.json.DecodeException e) {
      throw new PlenumException(ErrorCode.UNAVAILABLE, "The signing service answered " + method + " with something that is not JSON.");
    }
  }

  /** The service's error code only (letters, digits, '_'), never a free text that could echo secrets. */
  private static String safeError(String body) {
    try {
      String e = new JsonObject(body).getString("error", "");
      return e.matches("[A-Za-z0-9_]{1,64}") ? e : "";
    } catch (RuntimeException ex) {
      return "";
    }
  }
}
