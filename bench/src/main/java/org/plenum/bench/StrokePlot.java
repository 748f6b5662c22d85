package org.plenum.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The fan-out and live-ink benches as a PNG ({@link BarPlot}): delivery p99 and deliveries per second, one bar per
 * target and rate, Plenum in blue beside the Node {@code ws} peer in grey.
 */
final class StrokePlot {
  private StrokePlot() {}

  /** Writes {@code png} from {@code results}; where it goes: {@code -Dplenum.bench.out}, else the bench's work folder. */
  static void write(String title, String subtitle, List<StrokeLoad.Result> results, String name, PrintStream out) throws IOException {
    Path png = Path.of(System.getProperty("plenum.bench.out", ServerProcess.workDir().toString())).resolve(name);
    BarPlot.write(title, subtitle, List.of(
        panel(results, "delivery p99 ms (lower is better)", "%.1f", r -> r.latencyMicros().getValueAtPercentile(99) / 1000.0),
        panel(results, "deliveries per second (higher is better)", "%.0f", StrokeLoad.Result::deliveriesPerSecond)), png);
    out.println("bench: wrote " + png);
  }

  private static BarPlot.Panel panel(List<StrokeLoad.Result> results, String title, String format, ToDoubleFunction<StrokeLoad.Result> value) {
    return new BarPlot.Panel(title, format, results.stream().map(r -> new BarPlot.Bar(label(r), value.applyAsDouble(r),
        !r.target().startsWith("Plenum"))).toList());
  }

  private static String label(StrokeLoad.Result r) {
    String who = r.target().startsWith("Plenum") ? "Plenum" : "peer";
    return who + " " + (r.annotators() > 1 ? r.annotators() + " × " : "") + r.hz() + "/s";
  }
}
