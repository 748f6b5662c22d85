package org.plenum.media.testsupport;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium with a fake camera, pointed at one page, as a plain child process (the page reports back
 * over its own WebSocket). {@link #openWithDevTools} also listens for the DevTools protocol on a loopback port, so a
 * test can {@link #evaluate} a script in the page — e.g. sign in through the page as a person would, since no page
 * takes a password from its URL. A fresh profile per launch; {@link #close()} kills Chromium and every process it
 * started (zygote, renderers, GPU/utility processes) and deletes the profile.
 */
public final class Chromium implements AutoCloseable {

  public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

  private final Process process;
  private final Path profile;
  private final Path log;

  private Chromium(Process process, Path profile, Path log) {
    this.process = process;
    this.profile = profile;
    this.log = log;
  }

  /** Opens {@code url}; Chromium's own output goes to {@code log}. */
  public static Chromium open(String url, Path log) throws IOException {
    return launch(url, log, false);
  }

  /** As {@link #open}, with the DevTools protocol on a free loopback port (for {@link #evaluate}). */
  public static Chromium openWithDevTools(String url, Path log) throws IOException {
    return launch(url, log, true);
  }

  private static Chromium launch(String url, Path log, boolean devTools) throws IOException {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(EXECUTABLE + " is missing: apt-get install chromium");
    }
    Path profile = Files.createTempDirectory("plenum-chromium-");
    List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        // host candidates as addresses, not mDNS names (a camera permission does this too; be explicit)
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--user-data-dir=" + profile));
    if (devTools) {
      command.add("--remote-debugging-address=127.0.0.1");
      command.add("--remote-debugging-port=0"); // the port chosen is written to <profile>/DevToolsActivePort
    }
    command.add(url);
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    return new Chromium(process, profile, log);
  }

  /**
   * Runs {@code expression} in the page once its address starts with {@code origin} (awaiting a promise) and returns
   * its value as JSON text. Needs {@link #openWithDevTools}.
   */
  public String evaluate(String origin, String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Path portFile = profile.resolve("DevToolsActivePort");
    HttpClient http = HttpClient.newHttpClient();
    while (true) {
      if (Files.exists(portFile) && !Files.readAllLines(portFile).isEmpty()) {
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        JsonObject target = new JsonArray(list).stream().map(JsonObject.class::cast)
            .filter(t -> "page".equals(t.getString("type")) && t.getString("url", "").startsWith(origin)).findFirst().orElse(null);
        // the target names its address before the page's document is there: wait until the page itself is at origin
        if (target != null && "true".equals(evaluateIn(http, target.getString("webSocketDebuggerUrl"),
            "document.readyState !== 'loading' && location.href.startsWith(" + Json.encode(origin) + ")", timeout))) {
          return evaluateIn(http, target.getString("webSocketDebuggerUrl"), expression, timeout);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no page at " + origin + " to evaluate in; see " + log);
      }
      Thread.sleep(200);
    }
  }

  /**
   * Writes a PNG of the part of the page at {@code origin} that {@code selector} names (the whole element, even below
   * the window). Needs {@link #openWithDevTools}.
   */
  public void screenshot(String origin, String selector, Path png, Duration timeout) throws Exception {
    // in the window first (Chromium paints no video frames off screen), then the element with a small margin
    String rect = evaluate(origin, "(async () => { const e = document.querySelector(" + Json.encode(selector) + ");"
        + " e.scrollIntoView({ block: 'end' }); await new Promise(r => setTimeout(r, 500)); const r = e.getBoundingClientRect();"
        + " const x = Math.max(0, r.x + scrollX - 8), y = Math.max(0, r.y + scrollY - 8);"
        + " return { x, y, width: r.width + 16, height: r.height + 16, scale: 1 }; })()", timeout);
    int port = Integer.parseInt(Files.readAllLines(profile.resolve("DevToolsActivePort")).get(0).strip());
    HttpClient http = HttpClient.newHttpClient();
    String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    JsonObject target = new JsonArray(list).stream().map(JsonObject.class::cast)
        .filter(t -> "page".equals(t.getString("type")) && t.getString("url", "").startsWith(origin)).findFirst().orElseThrow();
    JsonObject answer = cdp(http, target.getString("webSocketDebuggerUrl"), "Page.captureScreenshot",
        new JsonObject().put("format", "png").put("captureBeyondViewport", true).put("clip", new JsonObject(rect)), timeout);
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, java.util.Base64.getDecoder().decode(answer.getJsonObject("result").getString("data")));
  }

  private static String evaluateIn(HttpClient http, String socketUrl, String expression, Duration timeout) throws Exception {
    JsonObject answer = cdp(http, socketUrl, "Runtime.evaluate", new JsonObject()
        .put("expression", expression).put("awaitPromise", true).put("returnByValue", true), timeout).getJsonObject("result", new JsonObject());
    if (answer.containsKey("exceptionDetails")) {
      throw new IllegalStateException("the script failed: " + answer.getJsonObject("exceptionDetails").encode());
    }
    Object value = answer.getJsonObject("result", new JsonObject()).getValue("value");
    return value == null ? "null" : Json.encode(value);
  }

  /** One DevTools protocol call on the page's socket: its whole answer ({@code result} or {@code error}). */
  private static JsonObject cdp(HttpClient http, String socketUrl, String method, JsonObject params, Duration timeout) throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(socketUrl), new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          JsonObject message = new JsonObject(text.toString());
          text.setLength(0);
          if (message.getInteger("id", 0) == 1) {
            reply.complete(message.encode());
          }
        }
        socket.request(1);
        return null;
      }
    }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      ws.sendText(new JsonObject().put("id", 1).put("method", method).put("params", params).encode(), true);
      return new JsonObject(reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } finally {
      ws.abort();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle p : all) {
      long left = Math.max(1, deadline - System.nanoTime());
      try {
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    // anything forked while we were killing (a late renderer) goes too
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is not worth failing a test for
    }
  }
}
