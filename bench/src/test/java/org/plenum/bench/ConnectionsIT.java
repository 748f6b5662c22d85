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
 * The connections harness still runs end to end ({@code ./plenum bench connections --quick}): a few idle sockets to
 * the packaged server and to the Node peer, checked by count only. Timing is never asserted here.
 */
class ConnectionsIT {
  @Test
  @DisplayName("PS4: 60 idle sockets reach one meeting (hello, resume ack) and 60 the Node peer, none fails; the JSON report is written")
  void quick_connections_count_exactly() throws Exception {
    System.setProperty("plenum.bench.dir", Path.of("target", "bench-it").toAbsolutePath().toString());
    Path peerDir = Path.of("peer");
    boolean peer = Files.isDirectory(peerDir.resolve("node_modules").resolve("ws"));
    Path json = Path.of("target", "bench-it", "connections.json");
    var options = new ConnectionsBench.Options(60, true, peer, 16, json, 5,
        Path.of(System.getProperty("plenum.server.jar", "../server/target/plenum-server.jar")), peerDir, false);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    List<ConnectionsBench.Result> results = ConnectionsBench.execute(options, new PrintStream(text, true, StandardCharsets.UTF_8));
    String out = text.toString(StandardCharsets.UTF_8);
    assertThat(results).as(out).hasSize(peer ? 2 : 1);
    for (ConnectionsBench.Result r : results) {
      assertThat(r.opened()).as(out).isEqualTo(60);
      assertThat(r.failures()).as(out).isZero();
    }
    // Each Plenum socket got at least its hello and its resume ack.
    assertThat(results.get(0).frames()).as(out).isGreaterThanOrEqualTo(120);
    assertThat(out).contains("| Plenum | 60 | 60 | 0 |");
    assertThat(Files.readString(json)).contains("\"scenario\" : \"connections\"");
  }
}
