package org.plenum.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The documents bench as a PNG: whole-file MB/s and first-MB p95 (ms), Plenum beside nginx ({@link BarPlot}). */
final class DocumentsPlot {
  private DocumentsPlot() {}

  static void write(List<DocumentsBench.Run> runs, String subtitle, Path png) throws IOException {
    BarPlot.write("Documents at disk speed: Plenum vs nginx, same file, same wrk clients, same run", subtitle,
        List.of(panel(runs, "whole file", "Whole file: MB/s (higher is better)", DocumentsBench.Run::mbPerSecond),
            panel(runs, "first 1 MB", "First 1 MB by Range: p95 ms (lower is better)", DocumentsBench.Run::p95)), png);
  }

  private static BarPlot.Panel panel(List<DocumentsBench.Run> runs, String scenario, String title, ToDoubleFunction<DocumentsBench.Run> value) {
    return new BarPlot.Panel(title, "%.0f", runs.stream().filter(r -> r.scenario().equals(scenario))
        .map(r -> new BarPlot.Bar(r.server() + " (" + r.readers() + " readers)", value.applyAsDouble(r), r.server().startsWith("nginx"))).toList());
  }
}
