package org.plenum.server.testing;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenID provider for tests: {@code server/src/test/oidc/op.js} (npm {@code oidc-provider}) in a Node process
 * on loopback, with one client registered for a Plenum at {@code plenumUrl}. Installs its npm packages on first use.
 */
public final class OidcProviderProcess implements AutoCloseable {
  private static final Path DIR = Path.of("src", "test", "oidc").toAbsolutePath();

  private final Process process;
  private final String issuer;

  private OidcProviderProcess(Process process, String issuer) {
    this.process = process;
    this.issuer = issuer;
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static OidcProviderProcess start(String plenumUrl) throws Exception {
    if (!Files.isDirectory(DIR.resolve("node_modules/oidc-provider"))) {
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--silent").directory(DIR.toFile())
          .redirectErrorStream(true).redirectOutput(DIR.resolve("../../../target/oidc-npm.log").toFile()).start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm ci in " + DIR + " failed; see target/oidc-npm.log");
      }
    }
    Process p = new ProcessBuilder("node", "op.js", String.valueOf(freePort()), plenumUrl).directory(DIR.toFile())
        .redirectError(new File("target/oidc-provider.log")).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null) {
      p.destroyForcibly();
      throw new IllegalStateException("The OpenID provider did not start; see target/oidc-provider.log");
    }
    return new OidcProviderProcess(p, new JsonObject(line).getString("issuer"));
  }

  public String issuer() {
    return issuer;
  }

  /** Switches the provider's token endpoint into a faulty mode (see op.js), or back to "normal". */
  public void mode(String mode) {
    try {
      var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer + "/__test/mode"))
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("mode", mode).encode())).build(), HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 204) {
        throw new IllegalStateException("mode " + mode + ": HTTP " + r.statusCode());
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
