package org.plenum.server.core.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every embedded PostgreSQL of this machine starts from, kept once in a cache folder ({@code db.embedded_cache_dir})
 * so that a new data folder neither unpacks the 60 MB of binaries (10 s of xz on a loaded 2-core machine) nor runs
 * {@code initdb} (3–9 s) again (issue 17, cold start; docs/decisions.md D43):
 * <ul>
 *   <li>{@code binaries/PG-<md5>/}: the binaries as the library unpacks them, named as it names them (MD5 of the
 *       archive), so that the library finds them already there and skips its own unpacking;</li>
 *   <li>{@code clusters/PG-<md5>/}: a cluster exactly as {@code initdb} left it, never started, copied into a new data
 *       folder instead of running {@code initdb}.</li>
 * </ul>
 * Each entry is written to a temporary name and renamed into place, so a reader sees a whole entry or none; two
 * servers filling the cache at once both succeed and one copy wins. The cache is only ever an optimisation: when it
 * cannot be read or written, the library unpacks and initialises as before (logged once at WARN).
 */
public final class EmbeddedCache {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCache.class);
  /** The archive the library picks on Linux x86_64 (zonky's {@code DefaultPostgresBinaryResolver}). */
  static final String ARCHIVE = "postgres-linux-x86_64.txz";

  /** Files of one start of a cluster (the library's lock, the postmaster's pid and options): never copied. */
  private static final java.util.Set<String> RUNTIME_FILES = java.util.Set.of("epg-lock", "postmaster.pid", "postmaster.opts");

  private final Path dir;

  private EmbeddedCache(Path dir) {
    this.dir = dir;
  }

  /** The cache in {@code dir}, or the default one ({@link #defaultDir()}) when {@code dir} is empty. */
  public static EmbeddedCache in(String dir) {
    return new EmbeddedCache(dir == null || dir.isBlank() ? defaultDir() : Path.of(dir).toAbsolutePath().normalize());
  }

  /** {@code $XDG_CACHE_HOME/plenum/postgres}, or {@code ~/.cache/plenum/postgres}. */
  public static Path defaultDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("plenum").resolve("postgres").toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  /** The library's name for the binaries of the archive on the class path ({@code PG-<md5>}), if it is there. */
  static Optional<String> binariesName() {
    try (InputStream in = EmbeddedCache.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (in == null) {
        return Optional.empty();
      }
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      try (DigestInputStream d = new DigestInputStream(in, md5)) {
        d.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return Optional.of("PG-" + HexFormat.of().formatHex(md5.digest()));
    } catch (IOException | NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }

  /**
   * Before the library starts: puts the cached binaries named {@code name} into {@code work} (the folder it unpacks
   * into) when they are not there yet. Hard links where the file system allows, copies otherwise.
   */
  void seedBinaries(String name, Path work) {
    Path from = dir.resolve("binaries").resolve(name);
    Path to = work.resolve(name);
    if (Files.exists(to.resolve(".exists")) || !Files.exists(from.resolve(".exists"))) {
      return;
    }
    try {
      copyInto(from, to, true);
      // The library takes unpacked binaries as whole only when their marker is newer than everything beside it; the
      // copied folders are new, so the marker is written again, as a file of its own (never a link into the cache).
      Files.deleteIfExists(to.resolve(".exists"));
      Files.createFile(to.resolve(".exists"));
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not reuse the cached PostgreSQL binaries in {}: {}; unpacking them", from, e.toString());
    }
  }

  /** After the library unpacked binaries into {@code work}: keeps them for the next data folder. */
  void publishBinaries(String name, Path work) {
    Path from = work.resolve(name);
    Path to = dir.resolve("binaries").resolve(name);
    if (Files.exists(to.resolve(".exists")) || !Files.exists(from.resolve(".exists"))) {
      return;
    }
    try {
      copyInto(from, to, true);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not keep the PostgreSQL binaries in {}: {}", to, e.toString());
    }
  }

  /** Before the library starts on a new data folder: copies the pristine cluster into {@code pgData}; true when it did. */
  boolean seedCluster(String name, Path pgData) {
    Path from = dir.resolve("clusters").resolve(name);
    if (!Files.exists(from.resolve("PG_VERSION")) || Files.exists(pgData.resolve("PG_VERSION"))) {
      return false;
    }
    try {
      if (Files.exists(pgData)) {
        try (Stream<Path> s = Files.list(pgData)) {
          if (s.findAny().isPresent()) {
            return false;
          }
        }
        Files.delete(pgData);
      }
      Path tmp = pgData.resolveSibling(pgData.getFileName() + ".seeding-" + UUID.randomUUID());
      copyTree(from, tmp, false);
      Files.move(tmp, pgData, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not copy the cached PostgreSQL cluster {}: {}; running initdb", from, e.toString());
      return false;
    }
  }

  /** Whether a pristine cluster for these binaries is kept. */
  boolean hasCluster(String name) {
    return Files.exists(dir.resolve("clusters").resolve(name).resolve("PG_VERSION"));
  }

  /** Keeps {@code pgData}, a cluster just made by {@code initdb} and stopped cleanly, for the next data folder. */
  void publishCluster(String name, Path pgData) {
    Path to = dir.resolve("clusters").resolve(name);
    try {
      copyInto(pgData, to, false);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not keep a pristine PostgreSQL cluster in {}: {}", to, e.toString());
    }
  }

  /** Copies {@code from} to a temporary sibling of {@code to}, then renames it to {@code to} (another writer may win). */
  private static void copyInto(Path from, Path to, boolean link) throws IOException {
    Files.createDirectories(to.getParent());
    Path tmp = to.resolveSibling(to.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      copyTree(from, tmp, link);
      Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // another server kept its copy first
    } catch (IOException e) {
      if (!Files.exists(to)) {
        throw e;
      }
    } finally {
      deleteTree(tmp);
    }
  }

  /** Copies a tree keeping permissions (PostgreSQL insists on 0700); hard-links regular files when {@code link}. */
  static void copyTree(Path from, Path to, boolean link) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      walk.filter(p -> !RUNTIME_FILES.contains(p.getFileName().toString()) || !p.getParent().equals(from)).forEach(p -> {
        Path target = to.resolve(from.relativize(p).toString());
        try {
          if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(target);
            Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(p));
          } else if (link && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
              Files.createLink(target, p);
            } catch (IOException | UnsupportedOperationException e) {
              Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
          } else {
            Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  static void deleteTree(Path p) {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          LOG.debug("Could not delete {}: {}", f, e.toString());
        }
      });
    } catch (IOException e) {
      LOG.debug("Could not delete {}: {}", p, e.toString());
    }
  }
}
