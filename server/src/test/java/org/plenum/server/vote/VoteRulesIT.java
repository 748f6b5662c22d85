package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;
import static org.plenum.server.testing.LiveMeetingFixture.eventAt;
import static org.plenum.server.testing.LiveMeetingFixture.rejected;
import static org.plenum.server.vote.VoteIT.ballot;
import static org.plenum.server.vote.VoteIT.closeAll;
import static org.plenum.server.vote.VoteIT.key;
import static org.plenum.server.vote.VoteIT.openPoll;
import static org.plenum.server.vote.VoteIT.poll;
import static org.plenum.server.vote.VoteIT.yesNo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/** Weights, proxies, quorum, paper ballots, time limits and choice polls over real sockets (docs/protocol.md §11). */
class VoteRulesIT {
  static LiveMeetingFixture fx;

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static Map<String, LiveClient> present(String meeting, List<String> users) {
    return VoteIT.present(fx, meeting, users);
  }

  static JsonObject proxy(String giver, String holder) {
    return new JsonObject().put("giverId", fx.id(giver)).put("holderId", fx.id(holder));
  }

  static Api.Response weight(String meeting, String user, Object weight) {
    return fx.api().put("/api/meetings/" + meeting + "/participants", new JsonObject().put("accountId", fx.id(user)).put("role", "DELEGATE")
        .put("voteWeight", weight), fx.token("admin"));
  }

  /** D47: the data of the vote.recorded events of a poll this client receives until the count reaches {@code n}. */
  static List<JsonObject> progressUntil(LiveClient c, String pollId, int n) {
    List<JsonObject> out = new java.util.ArrayList<>();
    int cast = -1;
    while (cast < n) {
      JsonObject e = c.next(f -> "vote.recorded".equals(f.getString("type")) && f.getLong("seq") != null
          && pollId.equals(f.getJsonObject("data").getString("pollId")));
      out.add(e.getJsonObject("data"));
      cast = e.getJsonObject("data").getInteger("ballotsCast");
    }
    return out;
  }

  static JsonObject result(LiveClient c, long seq) {
    return eventAt(c, seq).getJsonObject("data").getJsonObject("result");
  }

  @Test
  @DisplayName("VT9, VT10: a weighted member and a proxy holder voting for an absent member give an exact weighted tally; proxy limits, chains, "
      + "self-proxies, non-members and bad weights are refused")
  void weights_and_proxies() {
    String m = fx.newMeeting();
    assertThat(weight(m, "delegate1", 2.5).status()).isEqualTo(200);
    for (Object bad : List.of(0, -1, 1_000_001, 0.0000001)) {
      Api.Response r = weight(m, "delegate2", bad);
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.code()).isEqualTo("BAD_MESSAGE");
    }
    Map<String, LiveClient> tablets = present(m, List.of("delegate1", "delegate2", "delegate3", "delegate4"));
    try (LiveClient chair = fx.client(m, "chair")) {
      LiveClient d1 = tablets.get("delegate1");
      rejected(d1.command("proxy.set", proxy("delegate5", "delegate1")), "FORBIDDEN");
      JsonObject changed = eventAt(chair, acked(chair.command("proxy.set", proxy("delegate5", "delegate1"))));
      assertThat(changed.getString("type")).isEqualTo("proxy.changed");
      assertThat(changed.getJsonObject("data").getString("holderId")).isEqualTo(fx.id("delegate1"));
      assertThat(changed.getJsonObject("data").getJsonObject("quorum").getString("representedWeight")).isEqualTo("1");
      rejected(chair.command("proxy.set", proxy("delegate6", "delegate1")), "BAD_MESSAGE"); // a second proxy: limit 1
      rejected(chair.command("proxy.set", proxy("delegate6", "delegate5")), "BAD_MESSAGE"); // a chain
      rejected(chair.command("proxy.set", proxy("delegate6", "delegate6")), "BAD_MESSAGE"); // oneself
      rejected(chair.command("proxy.set", proxy("delegate6", "observer")), "BAD_MESSAGE"); // no voting right
      rejected(chair.command("proxy.set", new JsonObject().put("giverId", "nobody").put("holderId", fx.id("delegate1"))), "BAD_MESSAGE");
      JsonObject snap = fx.api().get("/api/meetings/" + m + "/snapshot", fx.token("delegate2")).json();
      assertThat(snap.getJsonArray("proxies")).containsExactly(new JsonObject().put("giverId", fx.id("delegate5")).put("holderId", fx.id("delegate1")));

      String id = openPoll(chair, yesNo("Có trọng số", "SECRET"));
      rejected(tablets.get("delegate2").command("vote.cast", ballot(id, key(), "NO").put("voterId", fx.id("delegate5"))), "FORBIDDEN");
      rejected(d1.command("vote.cast", ballot(id, key(), "NO").put("voterId", fx.id("delegate6"))), "FORBIDDEN");
      JsonObject mine = d1.command("vote.cast", ballot(id, key(), "YES"));
      acked(mine);
      JsonObject forFive = d1.command("vote.cast", ballot(id, key(), "YES").put("voterId", fx.id("delegate5")));
      acked(forFive);
      assertThat(forFive.getString("receipt")).isNotEqualTo(mine.getString("receipt"));
      rejected(d1.command("vote.cast", ballot(id, key(), "NO").put("voterId", fx.id("delegate5"))), "ALREADY_VOTED");
      acked(tablets.get("delegate2").command("vote.cast", ballot(id, key(), "NO")));
      acked(tablets.get("delegate3").command("vote.cast", ballot(id, key(), "NO")));
      acked(tablets.get("delegate4").command("vote.cast", ballot(id, key(), "ABSTAIN")));
      List<JsonObject> progress = progressUntil(chair, id, 5);
      assertThat(progress.get(progress.size() - 1).getString("eligible")).isEqualTo("6.5");
      JsonObject closed = eventAt(chair, acked(chair.command("poll.close", poll(id)))).getJsonObject("data");
      JsonObject r = closed.getJsonObject("result");
      assertThat(r.getJsonObject("totals").getMap()).containsExactly(Map.entry("YES", "3.5"), Map.entry("NO", "2"), Map.entry("ABSTAIN", "1"));
      assertThat(r.getString("membersWeight")).isEqualTo("8.5"); // chair 1 + delegate1 2.5 + five delegates
      assertThat(r.getString("presentWeight")).isEqualTo("5.5");
      assertThat(r.getString("representedWeight")).isEqualTo("1");
      assertThat(r.getInteger("ballots")).as("VT16: a weighted secret poll counts its unit entries of 0.5").isEqualTo(13);
      assertThat(closed.getInteger("ballotsCast")).isEqualTo(5);
      assertThat(r.getJsonObject("outcome").getString("verdict")).isEqualTo("ADOPTED");

      JsonObject cleared = eventAt(chair, acked(chair.command("proxy.clear", new JsonObject().put("giverId", fx.id("delegate5")))));
      assertThat(cleared.getJsonObject("data").getString("holderId")).isNull();
      rejected(chair.command("proxy.clear", new JsonObject().put("giverId", fx.id("delegate5"))), "NOT_FOUND");
    } finally {
      closeAll(tablets);
    }
  }

  @Test
  @DisplayName("VT11: the quorum moves with every arrival in participant.changed, the snapshot and poll.opened show it, and a poll closed "
      + "without its quorum ends NO_QUORUM")
  void quorum_live() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair")) {
      JsonObject q0 = fx.api().get("/api/meetings/" + m + "/snapshot", fx.token("chair")).json().getJsonObject("quorum");
      assertThat(q0.getString("membersWeight")).isEqualTo("7");
      assertThat(q0.getJsonObject("meeting").getString("required")).isEqualTo("4");
      assertThat(q0.getJsonObject("meeting").getBoolean("reached")).isFalse();
      List<String> arriving = List.of("delegate1", "delegate2", "delegate3", "delegate4");
      for (int i = 0; i < arriving.size(); i++) {
        long seq = acked(chair.command("attendance.set", new JsonObject().put("accountId", fx.id(arriving.get(i))).put("status", "PRESENT")));
        JsonObject q = eventAt(chair, seq).getJsonObject("data").getJsonObject("quorum");
        assertThat(q.getString("presentWeight")).isEqualTo(Integer.toString(i + 1));
        assertThat(q.getJsonObject("meeting").getBoolean("reached")).as("%d of 7 present", i + 1).isEqualTo(i + 1 >= 4);
      }
      JsonObject spec = yesNo("Cần năm người", "NAMED").put("quorum", new JsonObject().put("kind", "AT_LEAST_N").put("n", 5).put("proxies", "NOT_COUNTED"));
      String id = dataOf(chair, chair.command("poll.create", spec)).getString("pollId");
      JsonObject opened = eventAt(chair, acked(chair.command("poll.open", poll(id)))).getJsonObject("data").getJsonObject("quorum");
      assertThat(opened.getString("rule")).isEqualTo("AT_LEAST_N(5)");
      assertThat(opened.getString("required")).isEqualTo("5");
      assertThat(opened.getBoolean("reached")).isFalse();
      long seq = acked(chair.command("attendance.set", new JsonObject().put("accountId", fx.id("delegate4")).put("status", "ABSENT")));
      JsonObject q = eventAt(chair, seq).getJsonObject("data").getJsonObject("quorum");
      assertThat(q.getJsonArray("polls").getJsonObject(0).getString("pollId")).isEqualTo(id);
      assertThat(q.getJsonArray("polls").getJsonObject(0).getString("counted")).isEqualTo("3");
      try (LiveClient d1 = fx.client(m, "delegate1")) {
        acked(d1.command("vote.cast", ballot(id, key(), "YES")));
      }
      JsonObject r = result(chair, acked(chair.command("poll.close", poll(id))));
      assertThat(r.getJsonObject("outcome").getString("verdict")).isEqualTo("NO_QUORUM");
      assertThat(r.getJsonObject("totals").getString("YES")).isEqualTo("1");
    }
  }

  @Test
  @DisplayName("VT12: the secretary enters a present member's paper ballot once, with a receipt; the audit event names who entered whose "
      + "ballot for those running the meeting only, never the choice; bad paper entries get typed errors")
  void paper_ballots() {
    String m = fx.newMeeting();
    Map<String, LiveClient> tablets = present(m, List.of("delegate1", "delegate2"));
    try (LiveClient chair = fx.client(m, "chair"); LiveClient secretary = fx.client(m, "secretary")) {
      String id = openPoll(chair, yesNo("Phiếu giấy", "SECRET"));
      LiveClient d1 = tablets.get("delegate1");
      rejected(d1.command("vote.paper", ballot(id, key(), "YES").put("voterId", fx.id("delegate2"))), "FORBIDDEN");
      rejected(secretary.command("vote.paper", ballot(id, key(), "YES")), "BAD_MESSAGE");
      rejected(secretary.command("vote.paper", ballot(id, key(), "YES").put("voterId", fx.id("delegate3"))), "FORBIDDEN"); // absent
      rejected(secretary.command("vote.paper", ballot(id, key(), "YES").put("voterId", fx.id("observer"))), "FORBIDDEN"); // no voting right
      rejected(secretary.command("vote.paper", ballot(id, key(), "MAYBE").put("voterId", fx.id("delegate2"))), "INVALID_BALLOT");
      String k = key();
      JsonObject entered = secretary.command("vote.paper", ballot(id, k, "NO").put("voterId", fx.id("delegate2")));
      long seq = acked(entered);
      assertThat(Receipts.isReceipt(entered.getString("receipt"))).isTrue();
      JsonObject again = secretary.command("vote.paper", ballot(id, k, "NO").put("voterId", fx.id("delegate2")));
      assertThat(again.getString("receipt")).isEqualTo(entered.getString("receipt"));
      rejected(tablets.get("delegate2").command("vote.cast", ballot(id, key(), "YES")), "ALREADY_VOTED");
      assertThat(eventAt(chair, seq).getString("type")).isEqualTo("vote.recorded"); // the ack's seq is one everybody sees
      JsonObject audit = eventAt(chair, seq - 1);
      assertThat(audit.getString("type")).isEqualTo("vote.paperEntered");
      assertThat(audit.getJsonObject("data").getMap()).containsOnlyKeys("pollId", "voterId", "enteredBy");
      assertThat(audit.getJsonObject("data").getString("enteredBy")).isEqualTo(fx.id("secretary"));
      JsonArray delegateLedger = fx.api().get("/api/meetings/" + m + "/ledger", fx.token("delegate1")).json().getJsonArray("events");
      assertThat(delegateLedger.stream().map(e -> ((JsonObject) e).getString("type"))).doesNotContain("vote.paperEntered").contains("vote.recorded");
      acked(d1.command("vote.cast", ballot(id, key(), "YES")));
      JsonObject r = result(chair, acked(chair.command("poll.close", poll(id))));
      assertThat(r.getJsonObject("totals").getMap()).containsExactly(Map.entry("YES", "1"), Map.entry("NO", "1"), Map.entry("ABSTAIN", "0"));
    } finally {
      closeAll(tablets);
    }
  }

  @Test
  @DisplayName("VT8: a timed poll shows closesAt, closes by itself when the time is up (no actor), and later ballots are POLL_NOT_OPEN; "
      + "a time limit outside 10 s..24 h is BAD_MESSAGE")
  void time_limit() {
    String m = fx.newMeeting();
    Map<String, LiveClient> tablets = present(m, List.of("delegate1", "delegate2"));
    try (LiveClient chair = fx.client(m, "chair")) {
      rejected(chair.command("poll.create", yesNo("Quá ngắn", "NAMED").put("durationSeconds", 5)), "BAD_MESSAGE");
      rejected(chair.command("poll.create", yesNo("Quá dài", "NAMED").put("durationSeconds", 90_000)), "BAD_MESSAGE");
      String id = dataOf(chair, chair.command("poll.create", yesNo("Mười giây", "NAMED").put("durationSeconds", 10))).getString("pollId");
      JsonObject opened = eventAt(chair, acked(chair.command("poll.open", poll(id)))).getJsonObject("data");
      assertThat(opened.getInteger("durationSeconds")).isEqualTo(10);
      assertThat(opened.getString("closesAt")).isNotNull();
      acked(tablets.get("delegate1").command("vote.cast", ballot(id, key(), "YES")));
      JsonObject closed = chair.next(f -> "poll.closed".equals(f.getString("type")), 30);
      assertThat(closed.getString("by")).isNull();
      assertThat(closed.getJsonObject("data").getJsonObject("result").getInteger("ballots")).isEqualTo(1);
      rejected(tablets.get("delegate2").command("vote.cast", ballot(id, key(), "NO")), "POLL_NOT_OPEN");
    } finally {
      closeAll(tablets);
    }
  }

  @Test
  @DisplayName("VT2, VT7: an election and a multiple-choice poll over the sockets: too many or too few names is INVALID_BALLOT, an empty "
      + "election ballot is valid, seats are filled by the rule; NAMED LIVE shows who chose what with each ballot, SECRET never")
  void choice_polls() {
    String m = fx.newMeeting();
    List<String> six = VoteIT.DELEGATES;
    Map<String, LiveClient> tablets = present(m, six);
    try (LiveClient chair = fx.client(m, "chair")) {
      JsonArray candidates = new JsonArray();
      for (String c : List.of("AN", "BINH", "CHI")) {
        candidates.add(new JsonObject().put("id", c).put("label", "Ứng viên " + c));
      }
      String election = openPoll(chair, new JsonObject().put("title", "Bầu hai ủy viên").put("kind", "ELECTION").put("secrecy", "SECRET")
          .put("options", candidates).put("minChoices", 0).put("maxChoices", 2).put("rule", "SIMPLE"));
      rejected(tablets.get("delegate1").command("vote.cast", ballot(election, key(), "AN", "BINH", "CHI")), "INVALID_BALLOT");
      List<List<String>> ballots = List.of(List.of("AN", "BINH"), List.of("AN", "BINH"), List.of("AN", "CHI"), List.of("AN"), List.of("BINH"), List.of());
      for (int i = 0; i < six.size(); i++) {
        acked(tablets.get(six.get(i)).command("vote.cast", ballot(election, key(), ballots.get(i).toArray(String[]::new))));
      }
      for (JsonObject progress : progressUntil(chair, election, six.size())) {
        assertThat(progress.getMap()).doesNotContainKeys("votes", "voterId", "choice");
      }
      JsonObject r = result(chair, acked(chair.command("poll.close", poll(election))));
      assertThat(r.getJsonObject("totals").getMap()).containsExactly(Map.entry("AN", "4"), Map.entry("BINH", "3"), Map.entry("CHI", "1"));
      assertThat(r.getJsonObject("outcome").getString("verdict")).isEqualTo("ELECTED");
      assertThat(r.getJsonObject("outcome").getJsonArray("elected")).containsExactly("AN", "BINH"); // both over half of 5 non-empty ballots

      JsonArray options = new JsonArray().add(new JsonObject().put("id", "X").put("label", "Phương án X"))
          .add(new JsonObject().put("id", "Y").put("label", "Phương án Y")).add(new JsonObject().put("id", "Z").put("label", "Phương án Z"));
      String multi = openPoll(chair, new JsonObject().put("title", "Chọn tối đa hai").put("kind", "MULTIPLE_CHOICE").put("secrecy", "NAMED")
          .put("namedVisibility", "LIVE").put("options", options).put("minChoices", 1).put("maxChoices", 2).put("rule", "RELATIVE"));
      rejected(tablets.get("delegate1").command("vote.cast", ballot(multi, key())), "INVALID_BALLOT");
      rejected(tablets.get("delegate1").command("vote.cast", ballot(multi, key(), "X", "X")), "INVALID_BALLOT");
      JsonObject live = eventAt(chair, acked(tablets.get("delegate1").command("vote.cast", ballot(multi, key(), "X", "Z")))).getJsonObject("data");
      assertThat(live.getJsonArray("votes")).hasSize(1);
      assertThat(live.getJsonArray("votes").getJsonObject(0).getString("voterId")).isEqualTo(fx.id("delegate1"));
      assertThat(live.getJsonArray("votes").getJsonObject(0).getJsonArray("choice")).containsExactly("X", "Z");
      acked(tablets.get("delegate2").command("vote.cast", ballot(multi, key(), "Z")));
      JsonObject closed = eventAt(chair, acked(chair.command("poll.close", poll(multi)))).getJsonObject("data");
      assertThat(closed.getJsonObject("result").getJsonObject("totals").getMap()).containsExactly(Map.entry("X", "1"), Map.entry("Y", "0"),
          Map.entry("Z", "2"));
      assertThat(closed.getJsonArray("namedVotes")).hasSize(2);
    } finally {
      closeAll(tablets);
    }
  }
}
