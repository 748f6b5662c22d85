package org.plenum.server.testing;

/** Reads {@code /metrics} (Prometheus text) the way a scraper does. */
public final class Metrics {
  private Metrics() {}

  /** The first sample of {@code name} whose line contains {@code tag} (null: any), 0 when absent. */
  public static double value(Api api, String name, String tag) {
    for (String line : api.get("/metrics").text().split("\n")) {
      if (line.startsWith(name) && (tag == null || line.contains(tag)) && !line.startsWith("#")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
