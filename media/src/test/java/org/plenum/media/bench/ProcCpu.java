package org.plenum.media.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of processes from {@code /proc/<pid>/stat} (utime + stime, all threads; Linux only). */
final class ProcCpu {

  private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

  /** CPU seconds of Janus, of this JVM and of the Plenum server JVM (0 without one) at one instant. */
  record Mark(double janus, double jvm, double server, long nanos) {
  }

  /**
   * What Janus, this JVM and the Plenum server JVM (NaN without one; its PostgreSQL is a process of its own, not
   * counted) used over a window, as percent of one core.
   */
  record Window(double janusPercent, double jvmPercent, double serverPercent, double seconds) {
  }

  private final long janusPid;
  private volatile long serverPid = -1;

  ProcCpu(long janusPid) {
    this.janusPid = janusPid;
  }

  /** Also samples the Plenum server's JVM from now on. */
  void server(long pid) {
    serverPid = pid;
  }

  Mark mark() {
    long s = serverPid;
    return new Mark(seconds(janusPid), seconds(ProcessHandle.current().pid()), s < 0 ? Double.NaN : seconds(s),
        System.nanoTime());
  }

  Window since(Mark m) {
    Mark now = mark();
    double wall = (now.nanos() - m.nanos()) / 1e9;
    return new Window(100 * (now.janus() - m.janus()) / wall, 100 * (now.jvm() - m.jvm()) / wall,
        100 * (now.server() - m.server()) / wall, wall);
  }

  /** The 1-minute load average, or -1. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_SECONDS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
