package org.plenum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The durable fan-out harness still runs end to end ({@code ./plenum bench fanout --quick}): the chair shows pages to
 * 19 other sockets at 10 a second, then the same through the Node peer; checked by count only, never by time.
 */
class FanoutIT {
  @Test
  @DisplayName("PR1, R5: every presentation.show the chair sends reaches each of the 19 other sockets exactly once, without errors")
  void quick_fanout_counts_exactly() throws Exception {
    System.setProperty("plenum.bench.dir", Path.of("target", "bench-it").toAbsolutePath().toString());
    Path peerDir = Path.of("peer");
    boolean peer = Files.isDirectory(peerDir.resolve("node_modules").resolve("ws"));
    var options = new FanoutBench.Options(20, 2, List.of(10), 1, peer, Path.of("target", "bench-it", "fanout.json"), 5,
        Path.of(System.getProperty("plenum.server.jar", "../server/target/plenum-server.jar")), peerDir);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    List<StrokeLoad.Result> results = FanoutBench.execute(options, new PrintStream(text, true, StandardCharsets.UTF_8));
    String out = text.toString(StandardCharsets.UTF_8);
    assertThat(results).as(out).hasSize(peer ? 2 : 1);
    for (StrokeLoad.Result r : results) {
      assertThat(r.expected()).as(out).isEqualTo(20L * 19);
      assertThat(r.delivered()).as(out).isEqualTo(r.expected());
      assertThat(r.errors()).as(out).isZero();
    }
  }
}
