package org.plenum.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A benchmark as a PNG, plain Java 2D: one panel per measure, one bar per server, Plenum in blue beside its peer in
 * grey, each bar labelled with its value. Used by every scenario that writes a plot into {@code docs/benchmarks/}.
 */
final class BarPlot {
  private static final Color PLENUM = new Color(0x2b, 0x6c, 0xb0);
  private static final Color PEER = new Color(0x9a, 0x9a, 0x9a);

  /** One bar: its label under it, its value, and whether it is the peer's. */
  record Bar(String label, double value, boolean peer) {
  }

  /** One panel: its title (say which way is better) and its bars; {@code format} prints a value, e.g. "%.1f". */
  record Panel(String title, String format, List<Bar> bars) {
  }

  private BarPlot() {}

  static void write(String title, String subtitle, List<Panel> panels, Path png) throws IOException {
    int panelWidth = 420;
    int w = Math.max(900, 40 + panels.size() * (panelWidth + 20));
    int h = 420;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, 20, 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(subtitle, 20, 46);
    for (int i = 0; i < panels.size(); i++) {
      panel(g, panels.get(i), 20 + i * (panelWidth + 20), 70, panelWidth, 320);
    }
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(img, "png", png.toFile());
  }

  private static void panel(Graphics2D g, Panel p, int x, int y, int w, int h) {
    double max = p.bars().stream().mapToDouble(Bar::value).max().orElse(1);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(p.title(), x, y + 14);
    int base = y + h - 30;
    int top = y + 40;
    g.setStroke(new BasicStroke(1));
    g.drawLine(x + 10, base, x + w - 10, base);
    int slot = (w - 40) / Math.max(1, p.bars().size());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i < p.bars().size(); i++) {
      Bar b = p.bars().get(i);
      int bh = (int) Math.round((base - top) * (max <= 0 ? 0 : b.value() / max));
      int bx = x + 20 + i * slot + slot / 6;
      int bw = slot * 2 / 3;
      g.setColor(b.peer() ? PEER : PLENUM);
      g.fillRect(bx, base - bh, bw, bh);
      g.setColor(Color.BLACK);
      g.drawString(String.format(p.format(), b.value()), bx + 4, base - bh - 4);
      g.drawString(b.label(), bx, base + 16);
    }
  }
}
