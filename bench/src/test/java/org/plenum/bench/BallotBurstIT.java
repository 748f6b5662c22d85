package org.plenum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ballot burst harness still runs end to end: a small burst against the packaged server, checked by count only.
 * Timing is never asserted here (docs/benchmarks.md holds the numbers).
 */
class BallotBurstIT {
  @Test
  @DisplayName("VT3, VT5: 50 present delegates cast in a one-second burst in a SECRET and a NAMED poll; every ballot is acked once, "
      + "the tally and the tables count exactly 50")
  void a_small_burst_counts_exactly() throws Exception {
    System.setProperty("plenum.bench.dir", Path.of("target", "bench-it").toAbsolutePath().toString());
    var options = new BallotBurstBench.Options(50, 1, List.of("SECRET", "NAMED"), BenchDatabase.Commit.DURABLE, 1000, true, 10,
        Path.of(System.getProperty("plenum.server.jar", "../server/target/plenum-server.jar")));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    BallotBurstBench.Report report = BallotBurstBench.execute(options, new PrintStream(text, true, StandardCharsets.UTF_8));
    String out = text.toString(StandardCharsets.UTF_8);
    assertThat(report.bursts()).as(out).hasSize(2);
    for (BallotBurst.Result b : report.bursts()) {
      assertThat(b.countOk()).as(b.countCheck() + "\n" + out).isTrue();
      assertThat(b.acks()).as(out).isEqualTo(50);
      assertThat(b.errors()).as(out).isEmpty();
    }
    assertThat(report.baselines()).as(out).hasSize(2).allSatisfy(c -> assertThat(c.failures()).isZero());
    assertThat(out).contains("| SECRET | 50 |", "| NAMED | 50 |");
  }
}
