package org.plenum.server.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One server per data folder: an OS file lock on {@code <data>/plenum.lock} holding the owner's pid. */
public final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;
  private final Path file;

  private DataDirLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  public static DataDirLock acquire(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve("plenum.lock");
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by this very process
    }
    if (lock == null) {
      String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
      ch.close();
      throw new IllegalStateException("Plenum is already running with data folder " + dataDir + (pid.isEmpty() ? "" : " (pid " + pid + ")")
          + ". Stop it first (Ctrl-C in its terminal, or kill " + pid + ").");
    }
    ch.truncate(0);
    ch.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    ch.force(true);
    return new DataDirLock(file, ch, lock);
  }

  @Override
  public void close() throws IOException {
    channel.truncate(0);
    lock.release();
    channel.close();
  }

  public Path file() {
    return file;
  }
}
