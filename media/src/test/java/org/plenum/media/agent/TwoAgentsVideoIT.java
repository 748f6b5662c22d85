package org.plenum.media.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plenum.media.testsupport.Await;
import org.plenum.media.testsupport.NetNamespace;

/** Two room agents in one JVM, peer to peer over the test namespace's veth, signalling in memory. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TwoAgentsVideoIT {

  private static final int CODE_A = 0x5A;
  private static final int CODE_B = 0xA5;
  private static final int FRAMES = 30;
  private static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(15);

  private NetNamespace ns;
  private Vertx vertx;
  private RoomAgent a;
  private RoomAgent b;

  @BeforeEach
  void start() {
    ns = NetNamespace.require();
    vertx = Vertx.vertx();
    a = new RoomAgent(vertx, RoomAgentConfig.of("a", CODE_A));
    b = new RoomAgent(vertx, RoomAgentConfig.of("b", CODE_B));
  }

  @AfterEach
  void stop() throws Exception {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (vertx != null) {
      Await.result(vertx.close(), Duration.ofSeconds(5));
    }
  }

  @Test
  @DisplayName("B recognises A's video; once B publishes too (B re-offers, A answers), A recognises B's")
  void agents_see_each_other() throws Exception {
    InMemorySignalling link = new InMemorySignalling();
    PeerSession fromA = a.newSession("to-b");
    PeerSession fromB = b.newSession("to-a");
    fromA.attach(link.a());
    fromB.attach(link.b());

    a.publishOn(fromA);
    Await.result(fromA.negotiate().compose(v -> Future.all(fromA.connected(), fromB.connected())), Duration.ofSeconds(15));

    assertThat(fromA.localCandidates()).isNotEmpty().allMatch(ns::isHostCandidateOnVeth);
    assertThat(fromB.localCandidates()).isNotEmpty().allMatch(ns::isHostCandidateOnVeth);

    Await.until(() -> framesWithCode(b, CODE_A) >= FRAMES, MEDIA_TIMEOUT, () -> "B received " + b.receivedTracks());
    assertThat(a.receivedTracks()).isEmpty();
    assertThat(b.receivedTracks()).singleElement().satisfies(t -> {
      assertThat(t.identity()).hasValue(CODE_A);
      assertThat(t.width()).isEqualTo(VideoFormat.SMALL.width());
    });

    b.publishOn(fromB);
    Await.result(fromB.negotiate(), Duration.ofSeconds(10));

    Await.until(() -> framesWithCode(a, CODE_B) >= FRAMES, MEDIA_TIMEOUT, () -> "A received " + a.receivedTracks());
    long bHad = framesWithCode(b, CODE_A);
    Await.until(() -> framesWithCode(b, CODE_A) >= bHad + FRAMES, MEDIA_TIMEOUT,
        () -> "B's reception of A stalled after renegotiation: " + b.receivedTracks());
    assertThat(a.receivedTracks()).singleElement().satisfies(t -> assertThat(t.identity()).hasValue(CODE_B));
  }

  private static long framesWithCode(RoomAgent agent, int code) {
    List<ReceivedTrack> tracks = agent.receivedTracks();
    return tracks.stream().mapToLong(t -> t.framesWithCode(code)).sum();
  }
}
