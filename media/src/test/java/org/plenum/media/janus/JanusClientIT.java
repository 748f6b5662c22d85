package org.plenum.media.janus;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.media.MediaUnavailableException;
import org.plenum.media.MediaUnavailableException.Reason;

/** JanusClient against a real Janus 1.1.2 on 127.0.0.1 (one process per test). */
class JanusClientIT {

  @TempDir
  Path tmp;
  Vertx vertx;
  JanusProcess janus;
  JanusClient client;

  @BeforeEach
  void start() throws Exception {
    JanusFixture.requireJanus();
    vertx = Vertx.vertx();
    janus = JanusFixture.start(tmp, "j1");
    client = JanusClient.connect(vertx, JanusFixture.clientOptions(janus)).await(5, SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (janus != null) {
      janus.close();
    }
    vertx.close().await(5, SECONDS);
  }

  @Test
  @DisplayName("a session and a VideoRoom handle create, list, find and destroy a room")
  void room_lifecycle() throws Exception {
    JanusSession session = client.createSession().await(5, SECONDS);
    JanusHandle handle = session.attach(VideoRoom.PLUGIN).await(5, SECONDS);
    PluginResponse created = handle.message(RoomSpec.of("council", "s3cret").createBody()).await(5, SECONDS);
    assertThat(created.data().getString("videoroom")).isEqualTo("created");

    VideoRoom rooms = new VideoRoom(client);
    assertThat(rooms.list().await(5, SECONDS)).extracting(r -> r.getString("room")).contains("council");
    assertThat(rooms.exists("council").await(5, SECONDS)).isTrue();
    assertThat(rooms.listParticipants("council").await(5, SECONDS)).isEmpty();
    rooms.destroy("council", "s3cret").await(5, SECONDS);
    assertThat(rooms.exists("council").await(5, SECONDS)).isFalse();
    handle.detach().await(5, SECONDS);
    session.destroy().await(5, SECONDS);
  }

  @Test
  @DisplayName("attaching to a plugin Janus does not have fails with JanusException 460")
  void bogus_plugin_is_a_typed_error() throws Exception {
    JanusSession session = client.createSession().await(5, SECONDS);
    assertThatThrownBy(() -> session.attach("janus.plugin.nope").await(5, SECONDS))
        .isInstanceOfSatisfying(JanusException.class, e -> {
          assertThat(e.source()).isEqualTo(JanusException.Source.CORE);
          assertThat(e.code()).isEqualTo(JanusException.NO_SUCH_PLUGIN);
        });
  }

  @Test
  @DisplayName("a plugin error (room exists, no such room) fails with JanusException of source PLUGIN")
  void plugin_errors_are_typed() throws Exception {
    VideoRoom rooms = new VideoRoom(client);
    rooms.create(RoomSpec.of("r", "s")).await(5, SECONDS);
    assertThatThrownBy(() -> rooms.create(RoomSpec.of("r", "s")).await(5, SECONDS))
        .isInstanceOfSatisfying(JanusException.class, e -> assertThat(e.code()).isEqualTo(427));
    rooms.ensure(RoomSpec.of("r", "s")).await(5, SECONDS);
    assertThatThrownBy(() -> rooms.listParticipants("nope").await(5, SECONDS))
        .isInstanceOfSatisfying(JanusException.class, e -> {
          assertThat(e.source()).isEqualTo(JanusException.Source.PLUGIN);
          assertThat(e.code()).isEqualTo(426);
        });
  }

  @Test
  @DisplayName("a request to a hung Janus (SIGSTOP) fails with JanusTimeoutException at its deadline")
  void hung_janus_times_out() throws Exception {
    JanusSession session = client.createSession().await(5, SECONDS);
    janus.pause();
    try {
      long t0 = System.nanoTime();
      Future<JanusHandle> attach = session.attach(VideoRoom.PLUGIN);
      assertThatThrownBy(() -> attach.await(5, SECONDS)).isInstanceOfSatisfying(JanusTimeoutException.class,
          e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(4));
    } finally {
      janus.resume();
    }
    assertThat(session.attach(VideoRoom.PLUGIN).await(5, SECONDS).isAlive()).isTrue();
  }

  @Test
  @DisplayName("a wrong api_secret fails with JanusException 403")
  void wrong_api_secret() throws Exception {
    JanusClient wrong = JanusClient.connect(vertx, JanusClientOptions.of(janus.wsUrl(), "not-the-secret"))
        .await(5, SECONDS);
    try {
      assertThatThrownBy(() -> wrong.createSession().await(5, SECONDS))
          .isInstanceOfSatisfying(JanusException.class, e -> assertThat(e.code()).isEqualTo(JanusException.UNAUTHORIZED));
    } finally {
      wrong.close();
    }
  }

  @Test
  @DisplayName("SIGKILL: pending and new requests fail fast with MediaUnavailableException, 'down' fires; "
      + "after a restart on the same ports the client reconnects, 'up' fires and VideoRoom works again")
  void kill_and_restart() throws Exception {
    CompletableFuture<MediaUnavailableException> down = new CompletableFuture<>();
    CountDownLatch up = new CountDownLatch(1);
    client.addConnectionListener(new ConnectionListener() {
      @Override
      public void down(MediaUnavailableException cause) {
        down.complete(cause);
      }

      @Override
      public void up() {
        up.countDown();
      }
    });
    VideoRoom rooms = new VideoRoom(client);
    rooms.create(RoomSpec.of("before", "s")).await(5, SECONDS);
    JanusSession session = client.createSession().await(5, SECONDS);

    janus.pause();
    Future<JanusHandle> pending = session.attach(VideoRoom.PLUGIN, Duration.ofSeconds(30));
    long t0 = System.nanoTime();
    janus.kill();
    assertThatThrownBy(() -> pending.await(3, SECONDS)).isInstanceOfSatisfying(MediaUnavailableException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION_LOST));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(down.get(2, SECONDS).reason()).isEqualTo(Reason.CONNECTION_LOST);
    assertThatThrownBy(() -> rooms.exists("before").await(2, SECONDS))
        .isInstanceOf(MediaUnavailableException.class);
    assertThatThrownBy(() -> session.attach(VideoRoom.PLUGIN).await(2, SECONDS))
        .isInstanceOf(MediaUnavailableException.class);
    assertThat(session.isAlive()).isFalse();

    janus.start(Duration.ofSeconds(10));
    assertThat(up.await(10, SECONDS)).as("'up' after restart").isTrue();
    assertThat(client.state()).isEqualTo(JanusClient.State.UP);
    assertThat(rooms.exists("before").await(5, SECONDS)).as("rooms do not survive a Janus restart").isFalse();
    rooms.create(RoomSpec.of("after", "s")).await(5, SECONDS);
    assertThat(rooms.list().await(5, SECONDS)).extracting(r -> r.getString("room")).containsExactly("after");
  }

  @Test
  @DisplayName("the admin API lists our session and handle; handle_info names the plugin; a wrong admin_secret is 403")
  void admin_api() throws Exception {
    JanusSession session = client.createSession().await(5, SECONDS);
    JanusHandle handle = session.attach(VideoRoom.PLUGIN).await(5, SECONDS);
    try (JanusAdmin admin = JanusFixture.admin(vertx, janus)) {
      JsonObject info = admin.info().await(5, SECONDS);
      assertThat(info.getString("version_string")).isEqualTo("1.1.2");
      assertThat(info.getJsonObject("plugins").fieldNames()).containsExactly(VideoRoom.PLUGIN);
      assertThat(admin.listSessions().await(5, SECONDS)).contains(session.id());
      assertThat(admin.listHandles(session.id()).await(5, SECONDS)).containsExactly(handle.id());
      assertThat(admin.handleInfo(session.id(), handle.id()).await(5, SECONDS).getString("plugin"))
          .isEqualTo(VideoRoom.PLUGIN);
    }
    try (JanusAdmin wrong = new JanusAdmin(vertx, janus.httpUrl(), janus.adminUrl(), "nope", Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> wrong.listSessions().await(5, SECONDS))
          .isInstanceOfSatisfying(JanusException.class, e -> assertThat(e.code()).isEqualTo(403));
    }
  }

  @Test
  @DisplayName("keep-alive: a session stays usable past Janus' idle check when keepalive is sent")
  void keep_alive_is_acknowledged() throws Exception {
    JanusSession session = client.createSession().await(5, SECONDS);
    session.keepAlive().await(5, SECONDS);
    assertThat(List.of(session.isAlive())).containsExactly(true);
  }
}
