package org.plenum.server.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRestartIT {
  static long postmaster(Path root) throws Exception {
    return Long.parseLong(Files.readAllLines(root.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
  }

  /** The "server": starts the embedded database on the folder, writes a row, says READY and waits to be killed. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), 0, false);
      try (Connection c = DriverManager.getConnection("jdbc:" + db.url(EmbeddedDatabase.DATABASE), db.user(), "");
           Statement st = c.createStatement()) {
        st.execute("create table kept (v text)");
        st.execute("insert into kept values ('trước sự cố')");
      }
      System.out.println("READY");
      System.out.flush();
      Thread.sleep(600_000);
    }
  }

  @Test
  @DisplayName("ST1: the first start on a data folder whose PostgreSQL was left running (its server killed) stops that orphan and starts, "
      + "well within the 60 s the start waits, with the data kept")
  void first_start_after_a_crash_stops_the_orphan(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("data");
    // a server process starts the embedded PostgreSQL, writes a row, and is killed with SIGKILL
    Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
        Child.class.getName(), root.toString()).redirectErrorStream(true).start();
    var out = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("READY")) {
      // start-up output
    }
    assertThat(line).isEqualTo("READY");
    server.destroyForcibly().waitFor();
    long orphan = postmaster(root);
    assertThat(ProcessHandle.of(orphan)).hasValueSatisfying(h -> assertThat(h.isAlive()).as("PostgreSQL outlives its server").isTrue());
    long started = System.nanoTime();
    EmbeddedDatabase second = EmbeddedDatabase.start(root, 0, false);
    try {
      assertThat((System.nanoTime() - started) / 1_000_000_000L).isLessThan(45);
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).as("the orphan is gone").isFalse();
      assertThat(postmaster(root)).isNotEqualTo(orphan);
      try (Connection c = DriverManager.getConnection("jdbc:" + second.url(EmbeddedDatabase.DATABASE), second.user(), "");
           Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select v from kept")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("trước sự cố");
      }
    } finally {
      second.close();
    }
  }
}
