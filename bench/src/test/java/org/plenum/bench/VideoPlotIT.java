package org.plenum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./plenum bench video-plot}: the committed video runs (docs/benchmarks/video-*.json) become one PNG. */
class VideoPlotIT {
  @Test
  void plots_the_committed_video_runs(@TempDir Path dir) throws Exception {
    Path docs = Path.of("..", "docs", "benchmarks");
    int copied = 0;
    try (var files = Files.list(docs)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("video-.*\\.json")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
        copied++;
      }
    }
    assertThat(copied).as("video runs in docs/benchmarks").isGreaterThanOrEqualTo(2);
    Path png = VideoPlot.write(dir);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isGreaterThan(800);
  }

  @Test
  void says_what_to_run_when_there_is_nothing_to_plot(@TempDir Path dir) {
    assertThatThrownBy(() -> VideoPlot.write(dir)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--json");
  }
}
