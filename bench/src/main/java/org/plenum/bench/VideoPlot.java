package org.plenum.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The video bench as a PNG ({@link BarPlot}): the JSON files that {@code ./plenum bench video … --json FILE} wrote
 * (one per run: through the server following the floor, re-subscribing, or Janus direct, the peer) side by side —
 * floor switch p50 and p95, and how long until every room had joined.
 *
 * <p>{@code ./plenum bench video-plot [DIR=docs/benchmarks]}: reads {@code DIR/video-*.json}, writes {@code DIR/video.png}.
 */
public final class VideoPlot {
  private VideoPlot() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "docs/benchmarks");
    Path png = write(dir);
    System.out.println("bench: wrote " + png);
  }

  /** Plots every {@code video-*.json} of {@code dir} into {@code dir/video.png}; none: an error naming the folder. */
  static Path write(Path dir) throws IOException {
    List<JsonObject> runs = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("video-.*\\.json")).sorted().toList()) {
        runs.add(new JsonObject(Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("No video-*.json in " + dir + ": run ./plenum bench video … --json " + dir + "/video-NAME.json first");
    }
    runs.sort(Comparator.comparingInt((JsonObject r) -> r.getInteger("rooms", 0)).thenComparing(r -> r.getString("via", "")));
    String machine = runs.get(0).getString("machine", "?");
    Path png = dir.resolve("video.png");
    BarPlot.write("Floor switch and join: through the server (follow / re-subscribe) vs Janus direct", machine + "; load in each JSON",
        List.of(panel(runs, "switch p50 ms (lower is better)", "%.0f", r -> stat(r, "switchMs", "p50")),
            panel(runs, "switch p95 ms (lower is better)", "%.0f", r -> stat(r, "switchMs", "p95")),
            panel(runs, "all rooms joined, s (lower is better)", "%.1f", r -> r.getDouble("allJoinedMs", 0.0) / 1000.0)), png);
    return png;
  }

  private static double stat(JsonObject run, String measure, String which) {
    JsonObject m = run.getJsonObject(measure);
    return m == null ? 0 : m.getDouble(which, 0.0);
  }

  private static BarPlot.Panel panel(List<JsonObject> runs, String title, String format, ToDoubleFunction<JsonObject> value) {
    return new BarPlot.Panel(title, format, runs.stream().map(r -> new BarPlot.Bar(label(r), value.applyAsDouble(r),
        "janus".equals(r.getString("via")))).toList());
  }

  private static String label(JsonObject r) {
    String via = switch (String.valueOf(r.getString("via"))) {
      case "server" -> "follow";
      case "server-resubscribe", "server_resubscribe" -> "resub.";
      case "janus" -> "Janus";
      default -> r.getString("via");
    };
    return via + " " + r.getInteger("rooms", 0);
  }
}
