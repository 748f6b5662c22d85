package org.plenum.media.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.media.agent.VideoFormat;
import org.plenum.media.janus.JanusFixture;
import org.plenum.media.testsupport.NetNamespace;

/**
 * The video bench through the Plenum server ({@code --via server}) at smoke size, inside the test namespace: the
 * packaged server jar runs as a child process against the bench's Janus; the run completes with every room joined
 * and every switch seen. Only completion is asserted, never timings.
 *
 * <p>Needs {@code server/target/plenum-server.jar} (or {@code -Dplenum.server.jar}). The media module is built before
 * the server in the reactor, so on a clean checkout the jar does not exist yet when this runs: the test is then
 * skipped, unless {@code PLENUM_REQUIRE_SERVER_JAR=true}. Build it first with
 * {@code mvn -pl server -am package -DskipTests}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VideoBenchServerVideoIT {

  @TempDir
  Path tmp;

  @Test
  @DisplayName("via server: 10 rooms join over their meeting sockets, 2 publish, 1 watches the speaker; 2 floor grants by the chair are seen")
  void bench_through_the_server_completes() throws Exception {
    NetNamespace.require();
    JanusFixture.requireJanus();
    Path jar = PlenumServerProcess.jar();
    if (!Files.isRegularFile(jar)) {
      String hint = jar + " is not built (mvn -pl server -am package -DskipTests)";
      if ("true".equals(System.getenv("PLENUM_REQUIRE_SERVER_JAR"))) {
        throw new IllegalStateException(hint);
      }
      Assumptions.abort(hint + "; skipping (PLENUM_REQUIRE_SERVER_JAR=true fails instead)");
    }
    VideoBenchConfig cfg = new VideoBenchConfig(10, 2, 1, 2, Duration.ofSeconds(1), VideoFormat.SMALL, tmp,
        Duration.ofMinutes(4), false, VideoBenchConfig.Via.SERVER);
    VideoBenchRun.Result r;
    try (VideoBenchRun run = new VideoBenchRun(cfg)) {
      r = run.run();
    }
    VideoBench.print(cfg, r);

    assertThat(r.roomsJoined()).isEqualTo(10);
    assertThat(r.publishersWorking()).isEqualTo(2);
    assertThat(r.receiversWorking()).isEqualTo(1);
    assertThat(r.switchesDone()).isEqualTo(2);
    assertThat(r.switchMisses()).isZero();
  }
}
