package org.plenum.media.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plenum.media.testsupport.Await;
import org.plenum.media.testsupport.Chromium;
import org.plenum.media.testsupport.NetNamespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless Chromium with its fake camera offers its video to a room agent, which answers with its own synthetic
 * video; signalling through a WebSocket relay of a small Vert.x server on 127.0.0.1 (inside the test namespace;
 * media then flows over the veth addresses, which Chromium gathers as plain host candidates: with a camera
 * permission, and with mDNS hiding switched off, it does not replace them with {@code .local} names).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChromiumVideoIT {

  private static final Logger LOG = LoggerFactory.getLogger(ChromiumVideoIT.class);
  private static final int FRAMES = 30;
  private static final int AGENT_CODE = 7;

  private NetNamespace ns;
  private Vertx vertx;
  private HttpServer server;
  private RoomAgent agent;
  private Chromium chromium;
  private final List<String> pageReports = new CopyOnWriteArrayList<>();
  private final List<String> browserCandidates = new CopyOnWriteArrayList<>();
  private volatile JsonObject pageReceived = new JsonObject().put("frames", 0).put("codes", new JsonObject());

  @BeforeEach
  void start() {
    ns = NetNamespace.require();
    vertx = Vertx.vertx();
    agent = new RoomAgent(vertx, RoomAgentConfig.of("room", AGENT_CODE));
  }

  @AfterEach
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (agent != null) {
      agent.close();
    }
    if (server != null) {
      Await.result(server.close(), Duration.ofSeconds(5));
    }
    if (vertx != null) {
      Await.result(vertx.close(), Duration.ofSeconds(5));
    }
  }

  @Test
  @DisplayName("the agent answers Chromium's offer, counts the fake camera's frames, and the page recognises the agent's")
  void agent_and_chromium_exchange_video() throws Exception {
    PeerSession session = agent.newSession("browser");
    agent.publishOn(session);     // before the offer: the browser's video transceiver takes our track, sendrecv
    Buffer page = Buffer.buffer(resource("browser-peer.html"));
    server = Await.result(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .webSocketHandler(ws -> {
          if (!ws.path().equals("/signal")) {
            ws.close((short) 4404, "not found");
            return;
          }
          session.attach(new WebSocketChannel(ws, this::pageReported));
        })
        .requestHandler(req -> req.response().putHeader("content-type", "text/html; charset=utf-8").end(page))
        .listen(), Duration.ofSeconds(5));

    chromium = Chromium.open("http://127.0.0.1:" + server.actualPort() + "/",
        Path.of("target", "chromium", "ChromiumVideoIT.log"));

    Await.result(session.connected(), Duration.ofSeconds(30));
    Await.until(() -> frames() >= FRAMES, Duration.ofSeconds(20),
        () -> "agent received " + agent.receivedTracks() + "; page said " + pageReports);

    assertThat(session.localCandidates()).isNotEmpty().allMatch(ns::isHostCandidateOnVeth);
    assertThat(browserCandidates).isNotEmpty().allMatch(ns::isHostCandidateOnVeth);
    assertThat(pageReports).contains("connection connected");
    ReceivedTrack track = agent.receivedTracks().get(0);
    assertThat(track.width()).isPositive();
    assertThat(track.identity()).as("Chromium's fake camera carries no identity code").isEmpty();
    LOG.info("from Chromium: {} (page said {})", track, pageReports);

    Await.until(() -> pageReceived.getJsonObject("codes").getLong(Integer.toString(AGENT_CODE), 0L) >= FRAMES,
        Duration.ofSeconds(20), () -> "the page received " + pageReceived + "; page said " + pageReports);
    LOG.info("in Chromium: {}", pageReceived);
  }

  private long frames() {
    return agent.receivedTracks().stream().mapToLong(ReceivedTrack::frames).sum();
  }

  private void pageReported(JsonObject report) {
    if ("received".equals(report.getString("state"))) {
      pageReceived = report.getJsonObject("detail");
      return;
    }
    String line = report.getString("state") + (report.getValue("detail") == null ? "" : " " + report.getValue("detail"));
    LOG.info("page: {}", line);
    pageReports.add(line);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ChromiumVideoIT.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  /** The relay's end towards the page: rtc.* messages are signalling, page.reported goes to the test. */
  private final class WebSocketChannel implements SignallingChannel {
    private final ServerWebSocket ws;
    private final Consumer<JsonObject> reports;
    private volatile Consumer<SignalMessage> receiver = m -> { };

    WebSocketChannel(ServerWebSocket ws, Consumer<JsonObject> reports) {
      this.ws = ws;
      this.reports = reports;
      ws.textMessageHandler(text -> {
        JsonObject json = new JsonObject(text);
        if ("page.reported".equals(json.getString("type"))) {
          reports.accept(json);
          return;
        }
        SignalMessage message = SignalMessage.parse(json);
        if (message instanceof SignalMessage.Candidate c) {
          LOG.info("browser candidate {}", c.candidate());
          browserCandidates.add(c.candidate());
        }
        receiver.accept(message);
      });
    }

    @Override
    public void send(SignalMessage message) {
      ws.writeTextMessage(message.toJson().encode());
    }

    @Override
    public void onMessage(Consumer<SignalMessage> receiver) {
      this.receiver = receiver;
    }
  }
}
