package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;
import static org.plenum.server.testing.LiveMeetingFixture.rejected;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;
import org.plenum.server.testing.Voters;

/** Polls and ballots over real meeting sockets and real PostgreSQL, each test in a fresh meeting (docs/protocol.md §11). */
class VoteIT {
  static final List<String> DELEGATES = List.of("delegate1", "delegate2", "delegate3", "delegate4", "delegate5", "delegate6");
  static LiveMeetingFixture fx;

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static JsonObject yesNo(String title, String secrecy) {
    return new JsonObject().put("title", title).put("kind", "YES_NO_ABSTAIN").put("secrecy", secrecy);
  }

  static JsonObject poll(String pollId) {
    return new JsonObject().put("pollId", pollId);
  }

  static JsonObject ballot(String pollId, String key, String... options) {
    return new JsonObject().put("pollId", pollId).put("choice", new JsonArray(List.of(options))).put("idempotencyKey", key);
  }

  static String key() {
    return UUID.randomUUID().toString();
  }

  /** Each user's tablet, checked in as PRESENT by themself. */
  static Map<String, LiveClient> present(String meeting, List<String> users) {
    return present(fx, meeting, users);
  }

  /** As above, in the meeting of {@code fx}. */
  static Map<String, LiveClient> present(LiveMeetingFixture fx, String meeting, List<String> users) {
    Map<String, LiveClient> out = new LinkedHashMap<>();
    for (String u : users) {
      LiveClient c = fx.client(meeting, u);
      acked(c.command("attendance.set", new JsonObject().put("accountId", fx.id(u)).put("status", "PRESENT")));
      out.put(u, c);
    }
    return out;
  }

  /** Creates and opens a poll on the chair's tablet; returns its id. */
  static String openPoll(LiveClient chair, JsonObject spec) {
    String id = dataOf(chair, chair.command("poll.create", spec)).getString("pollId");
    JsonObject opened = dataOf(chair, chair.command("poll.open", poll(id)));
    assertThat(opened.getString("status")).isEqualTo("OPEN");
    return id;
  }

  static void closeAll(Map<String, LiveClient> clients) {
    clients.values().forEach(LiveClient::close);
  }

  @Test
  @DisplayName("VT1, VT5: the chair creates and opens a yes/no/abstain poll, six present delegates vote over their sockets, progress shows counts only, and everyone receives poll.closed with the exact tally and outcome")
  void a_whole_poll() {
    String m = fx.newMeeting();
    Map<String, LiveClient> tablets = present(m, DELEGATES);
    try (LiveClient chair = fx.client(m, "chair"); LiveClient observer = fx.client(m, "observer")) {
      JsonObject created = dataOf(chair, chair.command("poll.create", yesNo("Thông qua dự toán 2027", "SECRET")));
      assertThat(created.getString("status")).isEqualTo("DRAFT");
      assertThat(created.getJsonObject("spec").getString("secrecy")).isEqualTo("SECRET");
      String id = created.getString("pollId");
      acked(chair.command("poll.open", poll(id)));
      List<String> choices = List.of("YES", "YES", "YES", "YES", "NO", "ABSTAIN");
      double recordedBefore = org.plenum.server.testing.Metrics.value(fx.api(), "plenum_ballots_recorded_total", null);
      double refusedBefore = org.plenum.server.testing.Metrics.value(fx.api(), "plenum_ballots_refused_total", null);
      Set<String> receipts = new HashSet<>();
      for (int i = 0; i < DELEGATES.size(); i++) {
        JsonObject reply = tablets.get(DELEGATES.get(i)).command("vote.cast", ballot(id, key(), choices.get(i)));
        acked(reply);
        assertThat(Receipts.isReceipt(reply.getString("receipt"))).as(reply.encode()).isTrue();
        receipts.add(reply.getString("receipt"));
        if (reply.getLong("seq") != null) { // the first ballot of a poll this process has not seen carries its vote.recorded (D47)
          assertThat(LiveMeetingFixture.eventAt(observer, reply.getLong("seq")).getString("type")).isEqualTo("vote.recorded");
        }
      }
      // D47: progress follows the commits, coalesced: counts only, never decreasing, up to all six
      int last = 0;
      while (last < DELEGATES.size()) {
        JsonObject progress = observer.event("vote.recorded");
        assertThat(progress.getJsonObject("data").fieldNames()).containsExactlyInAnyOrder("pollId", "ballotsCast", "eligible");
        int n = progress.getJsonObject("data").getInteger("ballotsCast");
        assertThat(n).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(DELEGATES.size());
        last = n;
        assertThat(progress.getJsonObject("data").getString("eligible")).isEqualTo("6");
        assertThat(progress.getString("by")).isNull();
      }
      assertThat(receipts).hasSize(6);
      rejected(tablets.get("delegate1").command("vote.cast", ballot(id, key(), "NO")), "ALREADY_VOTED");
      // /metrics counts ballots, never who or what (issue 17)
      assertThat(org.plenum.server.testing.Metrics.value(fx.api(), "plenum_ballots_recorded_total", null)).isEqualTo(recordedBefore + 6);
      assertThat(org.plenum.server.testing.Metrics.value(fx.api(), "plenum_ballots_refused_total", null)).isEqualTo(refusedBefore + 1);
      JsonObject reply = chair.command("poll.close", poll(id));
      long seq = acked(reply);
      List<LiveClient> everyone = new ArrayList<>(tablets.values());
      everyone.add(chair);
      everyone.add(observer);
      for (LiveClient c : everyone) {
        JsonObject closed = LiveMeetingFixture.eventAt(c, seq);
        assertThat(closed.getString("type")).isEqualTo("poll.closed");
        JsonObject result = closed.getJsonObject("data").getJsonObject("result");
        assertThat(result.getJsonObject("totals").getMap()).containsExactly(Map.entry("YES", "4"), Map.entry("NO", "1"), Map.entry("ABSTAIN", "1"));
        assertThat(result.getInteger("ballots")).isEqualTo(6);
        assertThat(result.getString("membersWeight")).isEqualTo("7"); // six delegates and the chair have voting right
        assertThat(result.getString("presentWeight")).isEqualTo("6");
        assertThat(result.getJsonObject("outcome").getString("verdict")).isEqualTo("ADOPTED");
        assertThat(closed.getJsonObject("data").getString("status")).isEqualTo("CLOSED");
      }
      JsonObject snap = fx.api().get("/api/meetings/" + m + "/snapshot", fx.token("delegate1")).json();
      JsonObject inSnapshot = snap.getJsonArray("polls").getJsonObject(0);
      assertThat(inSnapshot.getString("status")).isEqualTo("CLOSED");
      assertThat(inSnapshot.getInteger("ballotsCast")).isEqualTo(6);
      assertThat(inSnapshot.getJsonObject("result").getJsonObject("totals").getString("YES")).isEqualTo("4");
    } finally {
      closeAll(tablets);
    }
  }

  @Test
  @DisplayName("VT1, VT2: a delegate creating, opening or closing is FORBIDDEN; a spec that does not fit is BAD_MESSAGE; an absent member is FORBIDDEN; a wrong option is INVALID_BALLOT; a draft or closed poll is POLL_NOT_OPEN")
  void who_and_when() {
    String m = fx.newMeeting();
    Map<String, LiveClient> tablets = present(m, List.of("delegate1", "delegate2"));
    try (LiveClient chair = fx.client(m, "chair"); LiveClient absent = fx.client(m, "delegate3");
         LiveClient secretary = fx.client(m, "secretary")) {
      LiveClient d1 = tablets.get("delegate1");
      rejected(d1.command("poll.create", yesNo("Mine", "NAMED")), "FORBIDDEN");
      rejected(chair.command("poll.create", yesNo("Bad", "NAMED").put("rule", "RELATIVE")), "BAD_MESSAGE");
      rejected(chair.command("poll.create", new JsonObject().put("title", "Two options").put("kind", "SINGLE_CHOICE")
          .put("options", new JsonArray().add(new JsonObject().put("id", "A").put("label", "Same")).add(new JsonObject().put("id", "B").put("label", "same")))),
          "BAD_MESSAGE");
      String draft = dataOf(chair, secretary.command("poll.create", yesNo("Draft", "NAMED"))).getString("pollId");
      rejected(d1.command("vote.cast", ballot(draft, key(), "YES")), "POLL_NOT_OPEN");
      rejected(d1.command("poll.open", poll(draft)), "FORBIDDEN");
      acked(secretary.command("poll.open", poll(draft)));
      rejected(chair.command("poll.open", poll(draft)), "CONFLICT");
      rejected(absent.command("vote.cast", ballot(draft, key(), "YES")), "FORBIDDEN");
      rejected(secretary.command("vote.cast", ballot(draft, key(), "YES")), "FORBIDDEN"); // no voting right
      rejected(d1.command("vote.cast", ballot(draft, key(), "MAYBE")), "INVALID_BALLOT");
      rejected(d1.command("vote.cast", ballot(draft, key(), "YES", "NO")), "INVALID_BALLOT");
      rejected(d1.command("vote.cast", ballot(draft, key())), "INVALID_BALLOT");
      acked(d1.command("vote.cast", ballot(draft, key(), "NO")));
      rejected(d1.command("poll.close", poll(draft)), "FORBIDDEN");
      acked(chair.command("poll.close", poll(draft)));
      rejected(tablets.get("delegate2").command("vote.cast", ballot(draft, key(), "YES")), "POLL_NOT_OPEN");
      rejected(chair.command("poll.cancel", poll(draft)), "CONFLICT");
      rejected(d1.command("vote.cast", ballot(UUID.randomUUID().toString(), key(), "YES")), "NOT_FOUND");
    } finally {
      closeAll(tablets);
    }
  }

  @Test
  @DisplayName("VT3, VT4, VT6: a second ballot is ALREADY_VOTED and changes nothing; a retry with the same key returns the same receipt and records nothing new; a NAMED poll records who chose what")
  void exactly_once() throws Exception {
    String m = fx.newMeeting();
    Map<String, LiveClient> tablets = present(m, List.of("delegate1", "delegate2"));
    try (LiveClient chair = fx.client(m, "chair")) {
      String id = openPoll(chair, yesNo("Once", "NAMED"));
      LiveClient d1 = tablets.get("delegate1");
      String k = key();
      JsonObject first = d1.command("vote.cast", ballot(id, k, "YES"));
      acked(first);
      assertThat(first.getString("receipt")).isEqualTo(Receipts.fromIdempotencyKey(PollId.parse(id), k));
      JsonObject retry = d1.command("vote.cast", ballot(id, k, "YES"));
      acked(retry);
      assertThat(retry.getString("receipt")).isEqualTo(first.getString("receipt"));
      assertThat(retry.getLong("seq")).isNull();
      rejected(d1.command("vote.cast", ballot(id, key(), "NO")), "ALREADY_VOTED");
      rejected(d1.command("vote.cast", ballot(id, key(), "YES")), "ALREADY_VOTED");
      long seq = acked(chair.command("poll.close", poll(id)));
      JsonObject result = LiveMeetingFixture.eventAt(chair, seq).getJsonObject("data").getJsonObject("result");
      assertThat(result.getJsonObject("totals").getMap()).containsExactly(Map.entry("YES", "1"), Map.entry("NO", "0"), Map.entry("ABSTAIN", "0"));
      long recorded = fx.ledger(m).stream().filter(e -> "vote.recorded".equals(((JsonObject) e).getString("type"))).count();
      assertThat(recorded).isEqualTo(1);
      try (Connection db = fx.server().jdbc(); Statement st = db.createStatement();
           ResultSet rs = st.executeQuery("select (select count(*) from poll_voter where poll_id = '" + id + "'), (select count(*) from ballot where poll_id = '"
               + id + "'), (select string_agg(voter_id || '=' || choice, ',') from named_vote where poll_id = '" + id + "')")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.getInt(2)).isEqualTo(1);
        assertThat(rs.getString(3)).isEqualTo(fx.id("delegate1") + "=[\"YES\"]"); // a NAMED poll records who chose what
      }
    } finally {
      closeAll(tablets);
    }
  }

  @Test
  @DisplayName("VT3, VT4: two sockets of one voter racing: with different keys one ballot is recorded and the other is ALREADY_VOTED; with the same key both get the same receipt")
  void one_voter_two_sockets() {
    String m = fx.newMeeting();
    Map<String, LiveClient> tablets = present(m, List.of("delegate1", "delegate2"));
    try (LiveClient chair = fx.client(m, "chair"); LiveClient d1b = fx.client(m, "delegate1"); LiveClient d2b = fx.client(m, "delegate2")) {
      String id = openPoll(chair, yesNo("Race", "SECRET"));
      List<JsonObject> different = race(tablets.get("delegate1"), d1b, ballot(id, key(), "YES"), ballot(id, key(), "NO"));
      List<String> outcomes = different.stream().map(r -> r.getString("type").equals("ack") ? "ack" : r.getString("code")).sorted().toList();
      assertThat(outcomes).as(different.toString()).containsExactly("ALREADY_VOTED", "ack");
      String k = key();
      List<JsonObject> same = race(tablets.get("delegate2"), d2b, ballot(id, k, "NO"), ballot(id, k, "NO"));
      acked(same.get(0));
      acked(same.get(1));
      assertThat(same.get(0).getString("receipt")).isEqualTo(same.get(1).getString("receipt"));
      long seq = acked(chair.command("poll.close", poll(id)));
      JsonObject result = LiveMeetingFixture.eventAt(chair, seq).getJsonObject("data").getJsonObject("result");
      assertThat(result.getInteger("ballots")).isEqualTo(2);
    } finally {
      closeAll(tablets);
    }
  }

  /** Sends both commands before reading either reply. */
  static List<JsonObject> race(LiveClient a, LiveClient b, JsonObject fa, JsonObject fb) {
    String ra = "race-a-" + UUID.randomUUID();
    String rb = "race-b-" + UUID.randomUUID();
    CompletableFuture<Void> sa = CompletableFuture.runAsync(() -> a.sendText(fa.copy().put("type", "vote.cast").put("requestId", ra).encode()));
    CompletableFuture<Void> sb = CompletableFuture.runAsync(() -> b.sendText(fb.copy().put("type", "vote.cast").put("requestId", rb).encode()));
    sa.join();
    sb.join();
    return List.of(reply(a, ra), reply(b, rb));
  }

  static JsonObject reply(LiveClient c, String requestId) {
    return c.next(f -> requestId.equals(f.getString("requestId")) && (f.getString("type").equals("ack") || f.getString("type").equals("error")));
  }

  @Test
  @DisplayName("VT3, VT9, VT15: 500 members casting at once over their own sockets (committed in shared transactions) give the exact tally and no duplicates; a second wave is refused")
  void many_at_once() throws Exception {
    int n = 500;
    String m = fx.newMeeting(List.of("One"), List.of("chair"));
    Api api = fx.api();
    List<Voters.Member> members;
    try (Connection db = fx.server().jdbc()) {
      members = Voters.seed(db, api, m, n, "PRESENT"); // checked in before the test starts
    }
    ExecutorService pool = Executors.newFixedThreadPool(64);
    List<LiveClient> clients = new ArrayList<>();
    try (LiveClient chair = fx.client(m, "chair")) {
      for (Voters.Member member : members) {
        LiveClient c = new LiveClient(api, fx.server().port(), m, member.token());
        clients.add(c);
        acked(c.connect());
      }
      String id = openPoll(chair, yesNo("Everyone at once", "SECRET"));
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<JsonObject>> replies = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        LiveClient c = clients.get(i);
        String choice = i % 3 == 0 ? "NO" : "YES";
        replies.add(CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return c.command("vote.cast", ballot(id, key(), choice));
        }, pool));
      }
      go.countDown();
      Set<String> receipts = new HashSet<>();
      for (CompletableFuture<JsonObject> r : replies) {
        JsonObject reply = r.get();
        acked(reply);
        receipts.add(reply.getString("receipt"));
      }
      assertThat(receipts).hasSize(n);
      // a second wave of different keys from the same members: every one refused
      List<CompletableFuture<JsonObject>> again = new ArrayList<>();
      for (LiveClient c : clients) {
        again.add(CompletableFuture.supplyAsync(() -> c.command("vote.cast", ballot(id, key(), "YES")), pool));
      }
      for (CompletableFuture<JsonObject> r : again) {
        rejected(r.get(), "ALREADY_VOTED");
      }
      long seq = acked(chair.command("poll.close", poll(id)));
      JsonObject result = LiveMeetingFixture.eventAt(chair, seq).getJsonObject("data").getJsonObject("result");
      int no = (n + 2) / 3;
      assertThat(result.getInteger("ballots")).isEqualTo(n);
      assertThat(result.getJsonObject("totals").getString("YES")).isEqualTo(Integer.toString(n - no));
      assertThat(result.getJsonObject("totals").getString("NO")).isEqualTo(Integer.toString(no));
      try (Connection db = fx.server().jdbc(); Statement st = db.createStatement();
           ResultSet rs = st.executeQuery("select count(*), count(distinct voter_id) from poll_voter where poll_id = '" + id + "'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(n);
        assertThat(rs.getInt(2)).isEqualTo(n);
      }
    } finally {
      clients.forEach(LiveClient::close);
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("VT6: after a secret poll no table row holds both a voter id and a choice or receipt; the ballot table has no voter, time or serial column")
  void secret_poll_stores_apart() throws Exception {
    String m = fx.newMeeting();
    Map<String, LiveClient> tablets = present(m, DELEGATES);
    Set<String> voters = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    try (LiveClient chair = fx.client(m, "chair")) {
      String id = openPoll(chair, yesNo("Bầu kín", "SECRET"));
      for (String d : DELEGATES) {
        String choice = d.equals("delegate6") ? "NO" : "YES";
        JsonObject reply = tablets.get(d).command("vote.cast", ballot(id, key(), choice));
        acked(reply);
        voters.add(fx.id(d));
        secrets.add(reply.getString("receipt"));
      }
      secrets.add("[\"YES\"]");
      secrets.add("[\"NO\"]");
      acked(chair.command("poll.close", poll(id)));
      try (Connection db = fx.server().jdbc()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = db.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
          while (rs.next()) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
        assertThat(tables).contains("poll", "poll_voter", "ballot", "named_vote", "ledger_event");
        List<String> leaks = new ArrayList<>();
        for (String table : tables) {
          try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select * from \"" + table + "\"")) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              StringBuilder row = new StringBuilder();
              for (int i = 1; i <= cols; i++) {
                row.append(rs.getString(i)).append('|');
              }
              String text = row.toString();
              boolean voter = voters.stream().anyMatch(text::contains);
              boolean secret = secrets.stream().anyMatch(text::contains);
              if (voter && secret) {
                leaks.add(table + ": " + text);
              }
            }
          }
        }
        assertThat(leaks).isEmpty();
        List<String> ballotColumns = new ArrayList<>();
        try (ResultSet rs = db.getMetaData().getColumns(null, "public", "ballot", "%")) {
          while (rs.next()) {
            ballotColumns.add(rs.getString("COLUMN_NAME"));
          }
        }
        assertThat(ballotColumns).containsExactlyInAnyOrder("poll_id", "receipt", "choice", "weight");
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select count(*) from named_vote where poll_id = '" + id + "'")) {
          rs.next();
          assertThat(rs.getInt(1)).isZero();
        }
      }
    } finally {
      closeAll(tablets);
    }
  }
}
