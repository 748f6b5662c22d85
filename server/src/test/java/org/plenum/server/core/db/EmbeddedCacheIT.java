package org.plenum.server.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D43: a new data folder starts from the binaries and the pristine cluster kept once per machine. Each start runs in a
 * JVM of its own, as servers do (the library remembers unpacked binaries per JVM).
 */
class EmbeddedCacheIT {
  /** Starts the embedded database on args[0] with the cache args[1], prints its system identifier, stops. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), 0, false, EmbeddedCache.in(args[1]));
      try (Connection c = DriverManager.getConnection("jdbc:" + db.url(EmbeddedDatabase.DATABASE), db.user(), "");
           Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select system_identifier from pg_control_system()")) {
        rs.next();
        System.out.println("SYSTEM " + rs.getLong(1));
        st.execute("create table t (v text)");
        st.execute("insert into t values ('dữ liệu riêng')");
      } finally {
        db.close();
      }
    }
  }

  private static long start(Path root, Path cache) throws Exception {
    Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
        Child.class.getName(), root.toString(), cache.toString()).redirectErrorStream(true).start();
    var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder all = new StringBuilder();
    long system = -1;
    for (String line; (line = out.readLine()) != null; ) {
      all.append(line).append('\n');
      if (line.startsWith("SYSTEM ")) {
        system = Long.parseLong(line.substring(7).strip());
      }
    }
    assertThat(p.waitFor()).as(all.toString()).isZero();
    assertThat(system).as(all.toString()).isPositive();
    return system;
  }

  private static Path only(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("PG-")).findFirst().orElseThrow();
    }
  }

  @Test
  @DisplayName("D43: the first data folder fills the cache; the next one copies the cluster (no initdb: same system identifier) "
      + "and links the binaries (no unpacking: the cached file is untouched), and keeps its own data")
  void a_new_data_folder_starts_from_the_cache(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("cache");
    long first = start(dir.resolve("a"), cache);
    Path bins = only(cache.resolve("binaries"));
    Path cluster = only(cache.resolve("clusters"));
    assertThat(bins.resolve(".exists")).exists();
    assertThat(cluster.resolve("PG_VERSION")).exists();
    assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
    assertThat(cluster.resolve("epg-lock")).doesNotExist();
    // an unpacking would rewrite the server binary: mark the cached one with a time no unpacking gives
    FileTime marked = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
    Files.setLastModifiedTime(bins.resolve("bin").resolve("postgres"), marked);

    long second = start(dir.resolve("b"), cache);

    assertThat(second).as("copied from the pristine cluster, not a new initdb").isEqualTo(first);
    Path seeded = dir.resolve("b").resolve("postgres-bin").resolve(bins.getFileName());
    assertThat(Files.getLastModifiedTime(seeded.resolve("bin").resolve("postgres"))).isEqualTo(marked);
    assertThat(Files.getLastModifiedTime(bins.resolve("bin").resolve("postgres"))).isEqualTo(marked);
    assertThat(cluster.resolve("base")).isDirectory();
    try (Stream<Path> s = Files.list(cache.resolve("clusters"))) {
      assertThat(s.count()).as("one pristine cluster, nothing left half-written").isEqualTo(1);
    }
  }

  @Test
  @DisplayName("D43: a cache that cannot be used (its path is a file) does not stop the database: it unpacks and initialises as before")
  void an_unusable_cache_is_only_slower(@TempDir Path dir) throws Exception {
    Path notADir = dir.resolve("cache-file");
    Files.writeString(notADir, "not a folder");
    assertThat(start(dir.resolve("a"), notADir)).isPositive();
    assertThat(Files.readString(notADir)).isEqualTo("not a folder");
  }
}
