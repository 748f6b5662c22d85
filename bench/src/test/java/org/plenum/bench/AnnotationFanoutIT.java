package org.plenum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The live-ink harness still runs end to end (a small run, Plenum and the Node peer); counts only, never times. */
class AnnotationFanoutIT {
  @Test
  @DisplayName("AN14/B5 harness: 2 annotators at 5 Hz for 2 s in a meeting of 12 sockets; every stroke reaches the 11 other sockets "
      + "on Plenum and on the Node peer, with no error")
  void a_small_ink_run_delivers_every_stroke() throws Exception {
    System.setProperty("plenum.bench.dir", Path.of("target", "bench-it").toAbsolutePath().toString());
    System.setProperty("plenum.peer.dir", Path.of("..", "bench", "peer").toAbsolutePath().normalize().toString());
    System.setProperty("plenum.server.jar", System.getProperty("plenum.server.jar", "../server/target/plenum-server.jar"));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    List<StrokeLoad.Result> results = AnnotationFanoutBench.execute(AnnotationFanoutBench.Options.parse(new String[] {"12", "2", "5", "2"}),
        new PrintStream(text, true, StandardCharsets.UTF_8));
    String out = text.toString(StandardCharsets.UTF_8);
    assertThat(results).as(out).hasSize(2).allSatisfy(r -> {
      assertThat(r.sent()).as(r.target()).isPositive();
      assertThat(r.delivered()).as(r.target()).isEqualTo(r.expected());
      assertThat(r.errors()).as(r.target()).isZero();
    });
  }
}
