package org.plenum.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** The documents bench as a PNG: whole-file MB/s and first-MB p95 (ms), Plenum beside its peer, plain Java 2D. */
final class DocumentsPlot {
  private static final Color PLENUM = new Color(0x2b, 0x6c, 0xb0);
  private static final Color PEER = new Color(0x9a, 0x9a, 0x9a);

  private DocumentsPlot() {}

  static void write(List<DocumentsBench.Run> runs, String subtitle, Path png) throws IOException {
    int w = 900;
    int h = 420;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString("Documents at disk speed: Plenum vs nginx, same file, same wrk clients, same run", 20, 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(subtitle, 20, 46);
    panel(g, runs, "whole file", "Whole file: MB/s (higher is better)", DocumentsBench.Run::mbPerSecond, 20, 70, 420, 320);
    panel(g, runs, "first 1 MB", "First 1 MB by Range: p95 ms (lower is better)", DocumentsBench.Run::p95, 460, 70, 420, 320);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static void panel(Graphics2D g, List<DocumentsBench.Run> runs, String scenario, String title, ToDoubleFunction<DocumentsBench.Run> value,
                            int x, int y, int w, int h) {
    List<DocumentsBench.Run> these = runs.stream().filter(r -> r.scenario().equals(scenario)).toList();
    double max = these.stream().mapToDouble(value).max().orElse(1);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, x, y + 14);
    int base = y + h - 30;
    int top = y + 40;
    g.setStroke(new BasicStroke(1));
    g.drawLine(x + 10, base, x + w - 10, base);
    int n = Math.max(1, these.size());
    int slot = (w - 40) / n;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i < these.size(); i++) {
      DocumentsBench.Run r = these.get(i);
      double v = value.applyAsDouble(r);
      int bh = (int) Math.round((base - top) * (max <= 0 ? 0 : v / max));
      int bx = x + 20 + i * slot + slot / 6;
      int bw = slot * 2 / 3;
      g.setColor(r.server().startsWith("nginx") ? PEER : PLENUM);
      g.fillRect(bx, base - bh, bw, bh);
      g.setColor(Color.BLACK);
      g.drawString(String.format("%.0f", v), bx + 4, base - bh - 4);
      g.drawString(r.server() + " (" + r.readers() + " readers)", bx, base + 16);
    }
  }
}
