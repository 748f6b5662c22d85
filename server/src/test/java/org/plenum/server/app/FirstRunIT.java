package org.plenum.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.TestPostgres;
import org.plenum.server.testing.TestServer;

class FirstRunIT {

  static long count(TestServer s, String sql) throws Exception {
    try (var c = s.jdbc(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  @DisplayName("F1: the demo is seeded once: a chair, a secretary, six delegates, three rooms, three agenda items; a restart keeps it and does not seed again")
  void demo_seeded_once() throws Exception {
    TestServer server = TestServer.start();
    try {
      assertThat(count(server, "select count(*) from meeting where title = 'Demo council'")).isEqualTo(1);
      assertThat(count(server, "select count(*) from agenda_item")).isEqualTo(3);
      assertThat(count(server, "select count(*) from participant where role = 'CHAIR'")).isEqualTo(1);
      assertThat(count(server, "select count(*) from participant where role = 'SECRETARY'")).isEqualTo(1);
      assertThat(count(server, "select count(*) from participant where role = 'DELEGATE'")).isEqualTo(6);
      assertThat(count(server, "select count(*) from participant where role = 'REMOTE_ROOM'")).isEqualTo(3);
      assertThat(count(server, "select count(*) from account where kind = 'ROOM'")).isEqualTo(3);
      server = server.restart();
      assertThat(count(server, "select count(*) from meeting")).isEqualTo(1);
      assertThat(count(server, "select count(*) from account")).isEqualTo(12);
      assertThat(server.api().login("chair", TestServer.DEMO_PASSWORD)).isNotBlank();
    } finally {
      server.close();
    }
  }

  @Test
  @DisplayName("F2: with an external database and demo.seed=auto nothing is seeded; admin.initial_password creates the first administrator once")
  void production_first_run() throws Exception {
    String db = TestPostgres.newDatabase();
    TestServer server = TestServer.start(Map.of("PLENUM_DB_URL", db, "PLENUM_DEMO_SEED", "auto",
        "PLENUM_ADMIN_USERNAME", "root-admin", "PLENUM_ADMIN_INITIAL_PASSWORD", "first-admin-password"));
    try {
      assertThat(count(server, "select count(*) from meeting")).isZero();
      assertThat(count(server, "select count(*) from account")).isEqualTo(1);
      String token = server.api().login("root-admin", "first-admin-password");
      assertThat(server.api().get("/api/accounts", token).status()).isEqualTo(200);
      server = server.restart();
      assertThat(count(server, "select count(*) from account")).isEqualTo(1);
    } finally {
      server.close();
    }
  }

  @Test
  @DisplayName("F3: a second server on the same data folder refuses to start and says one is running")
  void one_server_per_data_folder() {
    TestServer server = TestServer.start();
    try {
      var env = new java.util.HashMap<String, String>();
      env.put("PLENUM_DATA_DIR", server.app().config().data().dir().toString());
      env.put("PLENUM_DB_URL", server.dbUrl());
      env.put("PLENUM_DB_USER", TestPostgres.get().user());
      env.put("PLENUM_HTTP_PORT", "0");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlenumApp.start(org.plenum.server.config.PlenumConfig.load(env)))
          .hasMessageContaining("already running");
    } finally {
      server.close();
    }
  }

  @Test
  @DisplayName("F4: an unreachable database stops start-up with a message naming host, database and user — never the password")
  void unreachable_database() {
    var env = Map.of("PLENUM_DB_URL", "postgresql://127.0.0.1:1/nowhere", "PLENUM_DB_USER", "plenum", "PLENUM_DB_PASSWORD", "hunter2-secret",
        "PLENUM_HTTP_PORT", "0", "PLENUM_DATA_DIR", "target/data-unreachable");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlenumApp.start(org.plenum.server.config.PlenumConfig.load(env)))
        .hasMessageContaining("127.0.0.1:1/nowhere").hasMessageContaining("plenum").hasMessageNotContaining("hunter2-secret");
  }
}
