package org.plenum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The resume harness still runs end to end (--quick); only counts are checked, never times. */
class ResumeIT {
  @Test
  @DisplayName("R1 harness: a tablet that missed 50 page turns resumes and gets exactly the 50 events before the ack, twice; the Node peer "
      + "replays the same 50 in the same run")
  void quick_resume_replays_exactly_what_was_missed() throws Exception {
    System.setProperty("plenum.bench.dir", Path.of("target", "bench-it").toAbsolutePath().toString());
    System.setProperty("plenum.peer.dir", Path.of("..", "bench", "peer").toAbsolutePath().normalize().toString());
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    ResumeBench.Report r = ResumeBench.execute(ResumeBench.Options.parse(new String[] {"--quick"}), new PrintStream(text, true, StandardCharsets.UTF_8));
    String out = text.toString(StandardCharsets.UTF_8);
    assertThat(r.plenum()).as(out).hasSize(2).allSatisfy(round -> {
      assertThat(round.replayed()).isEqualTo(50);
      assertThat(round.frames()).isGreaterThanOrEqualTo(50);
    });
    assertThat(r.peer()).as(out).hasSize(2).allSatisfy(round -> assertThat(round.replayed()).isEqualTo(50));
    assertThat(out).contains("| Plenum (durable ledger, R1) |", "| Node ws replay from memory (peer) |");
  }
}
