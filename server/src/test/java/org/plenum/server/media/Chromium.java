package org.plenum.server.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium with a fake camera on one page, as a plain child process (a copy of media's test helper
 * {@code org.plenum.media.testsupport.Chromium}: test classes of one module are not visible in another). A fresh
 * profile per launch; {@link #close()} kills Chromium and every process it started and deletes the profile.
 */
public final class Chromium implements AutoCloseable {

  public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

  private final Process process;
  private final Path profile;
  private final Path log;

  private Chromium(Process process, Path profile, Path log) {
    this.process = process;
    this.profile = profile;
    this.log = log;
  }

  /** Opens {@code url}; Chromium's own output goes to {@code log}. */
  public static Chromium open(String url, Path log) throws IOException {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(EXECUTABLE + " is missing: apt-get install chromium");
    }
    Path profile = Files.createTempDirectory("plenum-chromium-");
    List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        // host candidates as addresses, not mDNS names (a camera permission does this too; be explicit)
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--user-data-dir=" + profile, url));
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    return new Chromium(process, profile, log);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle p : all) {
      long left = Math.max(1, deadline - System.nanoTime());
      try {
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    // anything forked while we were killing (a late renderer) goes too
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is not worth failing a test for
    }
  }
}
