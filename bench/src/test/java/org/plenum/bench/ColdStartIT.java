package org.plenum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cold-start harness still runs end to end (--quick: one run of each); timing is never asserted here. */
class ColdStartIT {
  @Test
  @DisplayName("Issue 17 harness: the packaged server becomes ready on an empty and on an existing data folder, and the peer "
      + "(bare Vert.x, PostgreSQL initdb+start and restart) runs in the same run; two markdown rows are printed")
  void quick_cold_start_runs() throws Exception {
    System.setProperty("plenum.bench.dir", Path.of("target", "bench-it").toAbsolutePath().toString());
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    ColdStartBench.Report r = ColdStartBench.execute(new ColdStartBench.Options(1, true,
        Path.of(System.getProperty("plenum.server.jar", "../server/target/plenum-server.jar")), true), new PrintStream(text, true, StandardCharsets.UTF_8));
    String out = text.toString(StandardCharsets.UTF_8);
    assertThat(r.plenumEmpty()).as(out).hasSize(1).allSatisfy(s -> assertThat(s).isPositive());
    assertThat(r.plenumExisting()).as(out).hasSize(1).allSatisfy(s -> assertThat(s).isPositive());
    assertThat(r.vertx()).as(out).hasSize(1);
    assertThat(r.pgEmpty()).as(out).hasSize(1);
    assertThat(r.pgExisting()).as(out).hasSize(1);
    assertThat(out).contains("| existing", "| empty");
  }
}
