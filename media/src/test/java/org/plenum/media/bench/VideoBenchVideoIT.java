package org.plenum.media.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.media.agent.VideoFormat;
import org.plenum.media.janus.JanusFixture;
import org.plenum.media.testsupport.NetNamespace;

/**
 * The video bench end to end at smoke size, inside the test namespace: it completes, every room joins and every
 * receiver decodes the new speaker after every floor switch. Timings are printed, never asserted.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class VideoBenchVideoIT {

  @TempDir
  Path tmp;

  @Test
  @DisplayName("10 rooms join, 2 publish, 1 watches: after each of 2 floor switches the watcher decodes the new speaker")
  void bench_completes_with_all_rooms_joined_and_every_switch_seen() throws Exception {
    NetNamespace.require();
    JanusFixture.requireJanus();
    VideoBenchConfig cfg = new VideoBenchConfig(10, 2, 1, 2, Duration.ofSeconds(1), VideoFormat.SMALL, tmp,
        Duration.ofMinutes(3), false, VideoBenchConfig.Via.JANUS);
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
    assertThat(r.switchMs().getTotalCount()).isEqualTo(2);
    assertThat(r.phases()).filteredOn(p -> p.forwarded() > 0).isNotEmpty()
        .allSatisfy(p -> assertThat(p.receiverFps()).isPositive());
  }
}
