package org.plenum.server.pdf;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.plenum.server.testing.PdfCorpus;

/**
 * Not a test: how long {@link Watermarker#stamp} takes per page. Generates a 50-page PDF (two lines of Vietnamese
 * text per page, DejaVu Sans embedded), stamps it a few times to warm up, then N times, and prints ms per page and
 * the machine. Run from server/ after {@code mvn -o test-compile}:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.plenum.server.pdf.WatermarkBench [N]
 * </pre>
 *
 * (cp.txt from {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}).
 */
public final class WatermarkBench {

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int warmUp = 20;
    String loadBefore = loadAverage();
    int pages = 50;
    Path dir = Files.createTempDirectory("watermark-bench");
    Path in = PdfCorpus.validPdf(dir, pages, PdfCorpus.VIETNAMESE);
    Path out = dir.resolve("out.pdf");
    List<String> lines = List.of(PdfCorpus.READER, "B\u1ea3n sao c\u00e1 nh\u00e2n \u00b7 12/03/2027");

    for (int i = 0; i < warmUp; i++) {
      Watermarker.stamp(in, out, lines);
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Watermarker.stamp(in, out, lines);
      nanos[i] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(nanos);
    double medianMs = nanos[runs / 2] / 1e6;
    double minMs = nanos[0] / 1e6;
    double meanMs = java.util.Arrays.stream(nanos).average().orElse(0) / 1e6;

    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "Watermarker.stamp: %d pages, %d runs after %d warm-up runs, input %d bytes, "
        + "output %d bytes%n", pages, runs, warmUp, Files.size(in), Files.size(out));
    System.out.printf(Locale.ROOT, "  per document: median %.1f ms, min %.1f ms, mean %.1f ms%n",
        medianMs, minMs, meanMs);
    System.out.printf(Locale.ROOT, "  per page:     median %.3f ms, min %.3f ms (single thread)%n",
        medianMs / pages, minMs / pages);
    System.out.printf(Locale.ROOT, "  machine: %d cores (availableProcessors), max heap %d MB, %s %s (%s), %s %s%n",
        rt.availableProcessors(), rt.maxMemory() >> 20, System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"), System.getProperty("os.arch"));
    System.out.printf(Locale.ROOT, "  cpu: %s%n", cpuModel());
    System.out.printf(Locale.ROOT, "  JVM args: %s%n", ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf(Locale.ROOT, "  load average (1/5/15 min) before: %s, after: %s%n", loadBefore, loadAverage());

    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    } catch (Exception e) {
      return "unknown";
    }
  }
}
