package org.plenum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The documents harness still runs end to end: a 3 MB PDF served by the packaged server (and by nginx when it is
 * installed), checked by byte count and SHA-256 only. Timing is never asserted here (docs/benchmarks.md holds it).
 */
class DocumentsBenchIT {
  @Test
  @DisplayName("DC1, DC5: ./plenum bench documents --quick: four readers get the whole file and the first MB by Range, every body with the "
      + "right length and SHA-256, from Plenum and from the nginx peer")
  void quick_run_is_correct() throws Exception {
    System.setProperty("plenum.bench.dir", Path.of("target", "bench-it").toAbsolutePath().toString());
    var options = DocumentsBench.Options.parse(new String[] {"--quick", "--size-mb", "3", "--server-jar",
        System.getProperty("plenum.server.jar", "../server/target/plenum-server.jar")});
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    DocumentsBench.Report report = DocumentsBench.execute(options, new PrintStream(text, true, StandardCharsets.UTF_8));
    String out = text.toString(StandardCharsets.UTF_8);
    assertThat(report.checks()).as(out).hasSize(report.peer() ? 2 : 1);
    for (DocumentsBench.Check c : report.checks()) {
      assertThat(c.errors()).as(out).isEmpty();
      assertThat(c.fullRight()).as(out).isEqualTo(4);
      assertThat(c.rangesRight()).as(out).isEqualTo(4);
    }
    assertThat(report.fileBytes()).isGreaterThan(2L * 1024 * 1024);
    assertThat(report.ok()).as(out).isTrue();
  }
}
