package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;
import static org.plenum.server.vote.VoteIT.ballot;
import static org.plenum.server.vote.VoteIT.key;
import static org.plenum.server.vote.VoteIT.poll;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;
import org.plenum.server.testing.Voters;

/**
 * The threat model of D24, tried as the adversarial probe of issue 15 tried it: someone with a full copy of the
 * database — every table, old row versions read with {@code pageinspect}, system columns — but not the server's key
 * material cannot link a voter to a choice of a secret poll, while it is open or after it closed under a concurrent
 * snapshot; and a weighted secret poll's published list and snapshots single out no weighted member.
 */
class VoteSecrecyIT {
  static LiveMeetingFixture fx;
  static final List<String> CHOICES = List.of("[\"YES\"]", "[\"NO\"]", "[\"ABSTAIN\"]");

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  @DisplayName("VT6, VT16: the xmin/ctid/time join of the probe finds no voter's choice while a secret poll is open, and after it closed "
      + "while a REPEATABLE READ snapshot was open no row version (read with pageinspect) written with a voter row holds a choice or receipt")
  void database_copy_links_no_voter_to_a_choice() throws Exception {
    String m = fx.newMeeting(List.of("Bỏ phiếu kín"), List.of("chair"));
    Api api = fx.api();
    List<Voters.Member> members;
    try (Connection db = fx.server().jdbc()) {
      members = Voters.seed(db, api, m, 7, "PRESENT");
    }
    List<LiveClient> clients = new ArrayList<>();
    Map<String, String> receiptToChoice = new LinkedHashMap<>();
    try (LiveClient chair = fx.client(m, "chair"); Connection db = fx.server().jdbc(); Connection snapshot = fx.server().jdbc()) {
      String id = dataOf(chair, chair.command("poll.create", new JsonObject().put("title", "Nhân sự").put("kind", "YES_NO_ABSTAIN")
          .put("secrecy", "SECRET"))).getString("pollId");
      acked(chair.command("poll.open", poll(id)));
      String[] options = {"YES", "NO", "ABSTAIN", "YES", "YES", "NO", "YES"};
      for (int i = 0; i < members.size(); i++) { // one at a time: each ballot in its own transaction, as in the probe
        LiveClient c = new LiveClient(api, fx.server().port(), m, members.get(i).token());
        clients.add(c);
        acked(c.connect());
        JsonObject reply = c.command("vote.cast", ballot(id, key(), options[i]));
        acked(reply);
        receiptToChoice.put(reply.getString("receipt"), "[\"" + options[i] + "\"]");
      }

      // open poll: the probe's join, and the same join against every table and by ctid order
      assertThat(rows(db, "select a.username, b.choice from poll_voter v join ballot b on b.xmin = v.xmin join account a on a.id = v.voter_id "
          + "where v.poll_id = '" + id + "'")).as("the probe's xmin join").isEmpty();
      Set<String> castXmins = new HashSet<>(column(db, "select xmin::text from poll_voter where poll_id = '" + id + "'"));
      assertThat(castXmins).hasSize(7);
      assertThat(leaksInLiveRows(db, castXmins, receiptToChoice)).as("rows written with a voter row").isEmpty();
      List<String> sealed = column(db, "select encode(sealed, 'hex') from sealed_ballot where poll_id = '" + id + "' order by ctid");
      assertThat(sealed).hasSize(7);
      assertThat(sealed.stream().map(String::length).distinct()).as("every sealed ballot has the same length").hasSize(1);
      assertThat(column(db, "select count(*)::text from ballot where poll_id = '" + id + "'")).containsExactly("0");
      assertThat(column(db, "select encode(sealed_key, 'hex') from poll where id = '" + id + "'").get(0)).hasSize(2 * (12 + 32 + 16));
      List<String> atTimes = column(db, "select e.at::text || ' ' || e.data::text from ledger_event e join poll_voter v on v.xmin::text = e.xmin::text "
          + "where v.poll_id = '" + id + "'");
      // D47: only a poll's first ballot in this process commits with a ledger event (its vote.recorded); the others none
      assertThat(atTimes).hasSizeBetween(1, 7).allSatisfy(t -> assertThat(CHOICES.stream().noneMatch(t::contains)).as(t).isTrue());

      // a pg_dump-like snapshot stays open across the close
      try (Statement st = snapshot.createStatement()) {
        snapshot.setAutoCommit(false);
        st.execute("set transaction isolation level repeatable read");
        st.executeQuery("select count(*) from poll_voter").close();
      }
      acked(chair.command("poll.close", poll(id)));
      Thread.sleep(500); // the VACUUM after the close runs; the snapshot keeps the old row versions alive
      try (Statement st = db.createStatement()) {
        st.execute("create extension if not exists pageinspect");
      }
      List<String> versionLeaks = new ArrayList<>();
      int castVersions = 0;
      for (String table : List.of("ballot", "poll_voter", "sealed_ballot", "poll", "ledger_event", "meeting_clock")) {
        if (column(db, "select to_regclass('" + table + "')::text").get(0) == null) {
          continue;
        }
        for (String[] version : heapVersions(db, table)) {
          if (!castXmins.contains(version[0])) {
            continue;
          }
          castVersions++;
          String data = version[1];
          for (var r : receiptToChoice.entrySet()) {
            if (data.contains(hex(r.getKey())) || CHOICES.stream().anyMatch(c -> data.contains(hex(c)))) {
              versionLeaks.add(table + " xmin " + version[0]);
            }
          }
        }
      }
      assertThat(castVersions).as("the old row versions of the casting transactions are still on disk").isGreaterThanOrEqualTo(14);
      assertThat(versionLeaks).isEmpty();
      snapshot.rollback();
      // after the close: plaintext entries exist, none written by a casting transaction, and the poll key is gone
      assertThat(column(db, "select receipt from ballot where poll_id = '" + id + "'")).containsExactlyInAnyOrderElementsOf(receiptToChoice.keySet());
      assertThat(rows(db, "select b.receipt from ballot b join poll_voter v on v.xmin = b.xmin where b.poll_id = '" + id + "' and "
          + "b.xmin::text in (" + String.join(",", castXmins.stream().map(x -> "'" + x + "'").toList()) + ")")).isEmpty();
      assertThat(column(db, "select count(*)::text from sealed_ballot where poll_id = '" + id + "'")).containsExactly("0");
      assertThat(column(db, "select sealed_key is null from poll where id = '" + id + "'")).containsExactly("t");
    } finally {
      clients.forEach(LiveClient::close);
    }
  }

  @Test
  @DisplayName("VT16, VT17: a weighted secret poll publishes unit entries of one weight (recount still exact, the weighted member finds "
      + "their receipt's units), and a delegate's snapshot shows no one else's voteWeight")
  void weighted_secret_poll_identifies_nobody() throws Exception {
    String m = fx.newMeeting(List.of("Biểu quyết có trọng số"), List.of("chair"));
    Api api = fx.api();
    List<Voters.Member> members;
    try (Connection db = fx.server().jdbc()) {
      members = Voters.seed(db, api, m, 5, "PRESENT");
      try (Statement st = db.createStatement()) { // weights 1, 1, 3, 2, 1 (VT9; the REST path is covered by VoteRulesIT)
        st.execute("update participant set vote_weight = 3 where account_id = '" + members.get(2).id() + "'");
        st.execute("update participant set vote_weight = 2 where account_id = '" + members.get(3).id() + "'");
      }
    }
    List<LiveClient> clients = new ArrayList<>();
    Map<String, String> receiptOf = new LinkedHashMap<>();
    try (LiveClient chair = fx.client(m, "chair")) {
      String id = dataOf(chair, chair.command("poll.create", new JsonObject().put("title", "Dự toán").put("kind", "YES_NO_ABSTAIN")
          .put("secrecy", "SECRET"))).getString("pollId");
      acked(chair.command("poll.open", poll(id)));
      String[] options = {"YES", "NO", "NO", "YES", "ABSTAIN"};
      for (int i = 0; i < members.size(); i++) {
        LiveClient c = new LiveClient(api, fx.server().port(), m, members.get(i).token());
        clients.add(c);
        acked(c.connect());
        JsonObject reply = c.command("vote.cast", ballot(id, key(), options[i]));
        acked(reply);
        receiptOf.put(members.get(i).id(), reply.getString("receipt"));
      }
      acked(chair.command("poll.close", poll(id)));
      String token = members.get(0).token();
      JsonObject published = api.get("/api/meetings/" + m + "/polls/" + id + "/result", token).json();
      JsonArray entries = published.getJsonArray("entries");
      assertThat(entries).hasSize(8);
      assertThat(entries.stream().map(e -> ((JsonObject) e).getString("weight")).distinct()).containsExactly("1");
      assertThat(VoteVerifyIT.recountMatches(published)).isTrue();
      assertThat(published.getJsonObject("result").getJsonObject("totals").getMap())
          .containsAllEntriesOf(Map.of("YES", "3", "NO", "4", "ABSTAIN", "1"));
      Set<String> listed = new HashSet<>();
      entries.forEach(e -> listed.add(((JsonObject) e).getString("receipt")));
      assertThat(listed).as("the weighted members' own receipts are not in the list").doesNotContain(receiptOf.get(members.get(2).id()),
          receiptOf.get(members.get(3).id())).contains(receiptOf.get(members.get(0).id()));
      JsonObject looked = api.get("/api/meetings/" + m + "/polls/" + id + "/receipts/" + receiptOf.get(members.get(2).id()), members.get(2).token()).json();
      assertThat(looked.getBoolean("found")).isTrue();
      assertThat(looked.getJsonArray("choice")).containsExactly("NO");
      assertThat(looked.getString("weight")).isEqualTo("3");
      assertThat(looked.getInteger("units")).isEqualTo(3);

      JsonObject snap = api.get("/api/meetings/" + m + "/snapshot", token).json();
      for (Object o : snap.getJsonArray("participants")) {
        JsonObject p = (JsonObject) o;
        if (p.getString("accountId").equals(members.get(0).id())) {
          assertThat(p.getString("voteWeight")).isEqualTo("1");
        } else {
          assertThat(p.getValue("voteWeight")).as("another's weight").isNull();
        }
      }
      JsonObject chairSnap = api.get("/api/meetings/" + m + "/snapshot", fx.token("chair")).json();
      assertThat(chairSnap.getJsonArray("participants").stream().map(o -> ((JsonObject) o))
          .filter(p -> p.getString("accountId").equals(members.get(2).id())).findFirst().orElseThrow().getString("voteWeight")).isEqualTo("3");
      JsonObject inSnapshot = snap.getJsonArray("polls").getJsonObject(0);
      assertThat(inSnapshot.getInteger("ballotsCast")).isEqualTo(5);
    } finally {
      clients.forEach(LiveClient::close);
    }
  }

  /** Rows of every table written by a casting transaction that hold a receipt or a choice in the clear. */
  static List<String> leaksInLiveRows(Connection db, Set<String> xmins, Map<String, String> receiptToChoice) throws Exception {
    List<String> leaks = new ArrayList<>();
    for (String table : column(db, "select tablename from pg_tables where schemaname = 'public'")) {
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select xmin::text as x, t::text as row from \"" + table + "\" t")) {
        while (rs.next()) {
          if (!xmins.contains(rs.getString(1))) {
            continue;
          }
          String row = rs.getString(2);
          boolean choice = row.contains("YES") || row.contains("ABSTAIN") || row.contains("NO\"");
          if (choice || receiptToChoice.keySet().stream().anyMatch(row::contains)) {
            leaks.add(table + ": " + row);
          }
        }
      }
    }
    return leaks;
  }

  /** Every tuple on the table's heap pages, live or dead: (t_xmin, hex of t_data). */
  static List<String[]> heapVersions(Connection db, String table) throws Exception {
    List<String[]> out = new ArrayList<>();
    int pages = Integer.parseInt(column(db, "select (pg_relation_size('" + table + "') / current_setting('block_size')::int)::text").get(0));
    for (int p = 0; p < pages; p++) {
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select t_xmin::text, encode(t_data, 'hex') from "
          + "heap_page_items(get_raw_page('" + table + "', " + p + ")) where t_data is not null")) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return out;
  }

  static String hex(String text) {
    return java.util.HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> column(Connection db, String sql) throws Exception {
    return VoteVerifyIT.column(db, sql);
  }

  static List<String> rows(Connection db, String sql) throws Exception {
    return column(db, sql);
  }

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }
}
