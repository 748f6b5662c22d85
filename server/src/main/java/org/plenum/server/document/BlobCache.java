package org.plenum.server.document;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files on local disk in front of PostgreSQL (D40, DC5–DC9), content-addressed: a blob lives at
 * {@code <cache>/blobs/ab/cdef…} named by its SHA-256, a derived file (watermarked copy, thumbnail) at
 * {@code <cache>/<kind>/ab/cdef…} named by the SHA-256 of what makes it. A file is written once to a temporary file,
 * checked (a blob's SHA-256 and size), then moved into place atomically; its size is checked again whenever it is
 * handed out, and a blob found on disk at start-up is hashed again before its first use. Whatever is missing, short or
 * wrong is made again by its {@link Fill} (PostgreSQL stays the source of truth); concurrent requests for the same
 * missing file share one fill. The total is bounded by {@code documents.cache_max_bytes}: the least recently used
 * files go first, never the one just written.
 */
final class BlobCache {
  private static final Logger LOG = LoggerFactory.getLogger(BlobCache.class);
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  static final List<String> KINDS = List.of("blobs", "watermarked", "thumbnails");

  /** Writes the whole file to {@code part}; the cache checks and moves it. */
  @FunctionalInterface
  interface Fill {
    Future<Void> into(Path part);
  }

  private static final class Known {
    final long size;
    volatile long lastUse;
    volatile boolean verified;

    Known(long size, long lastUse, boolean verified) {
      this.size = size;
      this.lastUse = lastUse;
      this.verified = verified;
    }
  }

  private final Vertx vertx;
  private final Path root;
  private final Path tmp;
  private final long maxBytes;
  private final DocumentMeters meters;
  private final Map<String, Known> index = new ConcurrentHashMap<>();
  private final Map<String, Future<Path>> filling = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong ticks = new AtomicLong();

  BlobCache(Vertx vertx, Path root, long maxBytes, DocumentMeters meters) {
    this.vertx = vertx;
    this.root = root;
    this.tmp = root.resolve("tmp");
    this.maxBytes = maxBytes;
    this.meters = meters;
    meters.cacheSize(bytes::get);
  }

  Path root() {
    return root;
  }

  long bytes() {
    return bytes.get();
  }

  /** The blob with this SHA-256 (hex) and size, filled from PostgreSQL by {@code fill} when missing or wrong. */
  Future<Path> blob(String sha256, long size, Fill fill) {
    return get("blobs", sha256, size, true, fill);
  }

  /** A file made from a version by a recipe ({@code kind} "watermarked" or "thumbnails"), keyed by the recipe's SHA-256. */
  Future<Path> derived(String kind, String recipe, Fill fill) {
    return get(kind, sha256(recipe.getBytes(StandardCharsets.UTF_8)), -1, false, fill);
  }

  /** Where a file of this kind and name lives (for tests and operators). */
  Path file(String kind, String hex) {
    return root.resolve(kind).resolve(hex.substring(0, 2)).resolve(hex.substring(2));
  }

  private Future<Path> get(String kind, String hex, long size, boolean hashed, Fill fill) {
    String key = kind + "/" + hex;
    Path file = file(kind, hex);
    Known k = index.get(key);
    if (k != null && k.verified && (size < 0 || k.size == size) && sizeOnDisk(file) == k.size) {
      k.lastUse = ticks.incrementAndGet();
      meters.hit(kind);
      return Future.succeededFuture(file);
    }
    Promise<Path> mine = Promise.promise();
    Future<Path> running = filling.putIfAbsent(key, mine.future());
    if (running != null) {
      return running;
    }
    // forgotten before anyone hears the outcome, so a later request never finds a finished (failed) fill
    fill(kind, key, file, hex, size, hashed, fill).onComplete(ar -> {
      filling.remove(key, mine.future());
      mine.handle(ar);
    });
    return mine.future();
  }

  private static long sizeOnDisk(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Adopts a file found at start-up once it hashes right; else fills it anew, checks it and moves it into place. */
  private Future<Path> fill(String kind, String key, Path file, String hex, long size, boolean hashed, Fill fill) {
    return vertx.executeBlocking(() -> {
      Known k = index.get(key);
      if (k != null && !k.verified && sizeOnDisk(file) == k.size && (size < 0 || size == k.size) && (!hashed || hex.equals(sha256(file)))) {
        k.verified = true;
        k.lastUse = ticks.incrementAndGet();
        return true;
      }
      forget(key);
      Files.deleteIfExists(file);
      Files.createDirectories(tmp);
      return false;
    }, false).compose(adopted -> {
      if (adopted) {
        meters.hit(kind);
        return Future.succeededFuture(file);
      }
      meters.miss(kind);
      Path part = tmp.resolve(UUID.randomUUID() + ".part");
      return fill.into(part).compose(x -> vertx.executeBlocking(() -> {
        long written = Files.size(part);
        if (size >= 0 && written != size || hashed && !hex.equals(sha256(part))) {
          Files.deleteIfExists(part);
          throw new IllegalStateException("The cache copy of " + key + " came out wrong (" + written + " bytes; expected " + size + ").");
        }
        Files.createDirectories(file.getParent());
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        index.put(key, new Known(written, ticks.incrementAndGet(), true));
        bytes.addAndGet(written);
        meters.filled(written);
        evict(key);
        return file;
      }, false)).onFailure(err -> vertx.executeBlocking(() -> Files.deleteIfExists(part), false));
    });
  }

  private void forget(String key) {
    Known gone = index.remove(key);
    if (gone != null) {
      bytes.addAndGet(-gone.size);
    }
  }

  /** Deletes the least recently used files until the total is within the bound; never {@code keep}. Blocking. */
  private synchronized void evict(String keep) {
    if (bytes.get() <= maxBytes) {
      return;
    }
    List<Map.Entry<String, Known>> byAge = new ArrayList<>(index.entrySet());
    byAge.sort(Comparator.comparingLong(e -> e.getValue().lastUse));
    for (var e : byAge) {
      if (bytes.get() <= maxBytes) {
        return;
      }
      if (e.getKey().equals(keep)) {
        continue;
      }
      if (index.remove(e.getKey(), e.getValue())) {
        bytes.addAndGet(-e.getValue().size);
        try {
          int slash = e.getKey().indexOf('/');
          Files.deleteIfExists(file(e.getKey().substring(0, slash), e.getKey().substring(slash + 1)));
        } catch (IOException err) {
          LOG.warn("Could not delete the cache file {}: {}", e.getKey(), err.toString());
        }
        meters.evicted();
      }
    }
  }

  /**
   * Blocking, at start: sweeps half-written files, forgets files of an older layout, indexes what is there (oldest
   * modification first, blobs to be hashed again before first use) and trims to the bound.
   */
  void load() throws IOException {
    Files.createDirectories(root);
    if (Files.isDirectory(tmp)) {
      try (var parts = Files.list(tmp)) {
        for (Path p : parts.toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    record Found(String key, long size, long modified) {}
    List<Found> found = new ArrayList<>();
    for (String kind : KINDS) {
      Path dir = root.resolve(kind);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var walk = Files.walk(dir, 2)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          Path rel = dir.relativize(p);
          String hex = rel.getNameCount() == 2 ? rel.getName(0).toString() + rel.getName(1) : "";
          if (!HEX64.matcher(hex).matches()) {
            Files.deleteIfExists(p);
            continue;
          }
          found.add(new Found(kind + "/" + hex, Files.size(p), Files.getLastModifiedTime(p).toMillis()));
        }
      }
    }
    found.sort(Comparator.comparingLong(Found::modified));
    for (Found f : found) {
      index.put(f.key(), new Known(f.size(), ticks.incrementAndGet(), !f.key().startsWith("blobs/") && f.size() > 0));
      bytes.addAndGet(f.size());
    }
    evict("");
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (NoSuchFileException e) {
      return "";
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
