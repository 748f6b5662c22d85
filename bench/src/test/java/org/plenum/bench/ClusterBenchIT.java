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
 * The cluster harness still runs end to end ({@code ./plenum bench cluster --quick}): two clustered packaged servers,
 * subscribers on both, checked by count only. Timing is never asserted here (docs/benchmarks.md holds the numbers).
 */
class ClusterBenchIT {
  @Test
  @DisplayName("CL1: with subscribers on node A only and then on A and B, every subscriber gets every page once")
  void quick_run_delivers_everything_once() throws Exception {
    System.setProperty("plenum.bench.dir", Path.of("target", "bench-it").toAbsolutePath().toString());
    var options = ClusterBench.Options.parse(new String[] {"--quick"});
    options = new ClusterBench.Options(options.subscribers(), options.rate(), options.seconds(), true,
        Path.of(System.getProperty("plenum.server.jar", "../server/target/plenum-server.jar")));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    List<ClusterBench.Group> groups = ClusterBench.execute(options, new PrintStream(text, true, StandardCharsets.UTF_8));
    String out = text.toString(StandardCharsets.UTF_8);
    assertThat(groups).as(out).hasSize(3);
    for (ClusterBench.Group g : groups) {
      assertThat(g.delivered()).as(g + "\n" + out).isEqualTo(g.expected()).isPositive();
      assertThat(g.duplicates()).as(out).isZero();
    }
    assertThat(out).contains("| 1 node | A |", "| 2 nodes | B (other node) |");
  }
}
