package org.plenum.bench;

import java.util.function.Supplier;

/** Every scenario's command line: parsed options, or the reason and the usage line on stderr and exit status 2. */
final class BenchArgs {
  private BenchArgs() {}

  static <T> T parseOrExit(Supplier<T> parse, String usage) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println("usage: " + usage);
      System.exit(2);
      throw e;
    }
  }
}
