package org.plenum.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time (user + system, from /proc, Linux only) of the three parties of a benchmark: the server process, the
 * PostgreSQL processes (the postmaster and its children) and this JVM (the simulated tablets). Says where the cores
 * went.
 */
final class Cpu {
  private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

  /** CPU seconds used by each party over an interval, and the interval's length. */
  record Usage(double server, double postgres, double client, double wallSeconds) {
    String text() {
      return String.format("server %.2f s, PostgreSQL %.2f s, client %.2f s in %.2f s", server, postgres, client, wallSeconds);
    }
  }

  record Mark(double server, double postgres, double client, long nanos) {}

  private final long serverPid;
  private final long postmasterPid;

  Cpu(long serverPid, long postmasterPid) {
    this.serverPid = serverPid;
    this.postmasterPid = postmasterPid;
  }

  Mark mark() {
    double pg = seconds(postmasterPid) + ProcessHandle.of(postmasterPid).stream().flatMap(ProcessHandle::descendants)
        .mapToDouble(p -> seconds(p.pid())).sum();
    return new Mark(seconds(serverPid), pg, seconds(ProcessHandle.current().pid()), System.nanoTime());
  }

  Usage since(Mark m) {
    Mark now = mark();
    return new Usage(now.server - m.server, now.postgres - m.postgres, now.client - m.client, (now.nanos - m.nanos) / 1e9);
  }

  /** utime + stime of a process (its live threads and reaped children are not mixed in), 0 if it is gone. */
  private static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the command, which is in parentheses and may contain spaces
      List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
      return (Long.parseLong(f.get(11)) + Long.parseLong(f.get(12))) * TICK_SECONDS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
