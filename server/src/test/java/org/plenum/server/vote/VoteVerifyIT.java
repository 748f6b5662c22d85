package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;
import static org.plenum.server.testing.LiveMeetingFixture.eventAt;
import static org.plenum.server.vote.VoteIT.ballot;
import static org.plenum.server.vote.VoteIT.key;
import static org.plenum.server.vote.VoteIT.poll;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;
import org.plenum.server.testing.LogCapture;
import org.plenum.server.testing.Voters;

/**
 * What a voter, an auditor and an attacker with the database and the logs can check after a secret poll (VT6, VT13).
 * The verification here is written independently of the server's code: canonical JSON, signature, recount.
 */
class VoteVerifyIT {
  static LiveMeetingFixture fx;

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** Keys sorted at every level, compact: how the published list is signed (A2, T4). */
  static Object canonical(Object v) {
    if (v instanceof JsonObject o) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      o.forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
      return new JsonObject(new LinkedHashMap<>(sorted));
    }
    if (v instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(x -> out.add(canonical(x)));
      return out;
    }
    return v;
  }

  static byte[] signedBytes(JsonObject published) {
    JsonObject copy = published.copy();
    copy.remove("signature");
    return ((JsonObject) canonical(copy)).encode().getBytes(StandardCharsets.UTF_8);
  }

  static boolean signatureValid(JsonObject published, PublicKey key) throws Exception {
    Signature s = Signature.getInstance(published.getString("algorithm"));
    s.initVerify(key);
    s.update(signedBytes(published));
    return s.verify(Base64.getDecoder().decode(published.getString("signature")));
  }

  /** Totals per option from the published entries alone. */
  static Map<String, BigDecimal> recount(JsonObject published) {
    Map<String, BigDecimal> totals = new HashMap<>();
    published.getJsonObject("spec").getJsonArray("options").forEach(o -> totals.put(((JsonObject) o).getString("id"), BigDecimal.ZERO));
    for (Object o : published.getJsonArray("entries")) {
      JsonObject e = (JsonObject) o;
      BigDecimal w = new BigDecimal(e.getString("weight"));
      e.getJsonArray("choice").forEach(c -> totals.merge((String) c, w, BigDecimal::add));
    }
    return totals;
  }

  static boolean recountMatches(JsonObject published) {
    Map<String, BigDecimal> counted = recount(published);
    JsonObject totals = published.getJsonObject("result").getJsonObject("totals");
    return totals.fieldNames().equals(counted.keySet())
        && totals.fieldNames().stream().allMatch(id -> new BigDecimal(totals.getString(id)).compareTo(counted.get(id)) == 0);
  }

  @Test
  @DisplayName("VT13, VT6: 40 voters in a secret poll each find their receipt with their choice in the signed, shuffled published list; the "
      + "signature and recount hold and the ledger has the list's hash; a tampered list fails both; no table row, physical row order or log "
      + "line links a voter to a choice")
  void receipts_signature_recount_and_secrecy() throws Exception {
    LogCapture log = new LogCapture();

    String m = fx.newMeeting(List.of("Bầu cử"), List.of("chair"));
    Api api = fx.api();
    List<Voters.Member> members;
    try (Connection db = fx.server().jdbc()) {
      members = Voters.seed(db, api, m, 40, "PRESENT");
    }
    List<LiveClient> clients = new ArrayList<>();
    Map<String, String> choiceOf = new LinkedHashMap<>(); // receipt -> option, in the order cast
    Map<String, String> voterOf = new HashMap<>();        // receipt -> voter (the test knows; the server must not)
    try (LiveClient chair = fx.client(m, "chair")) {
      JsonArray options = new JsonArray().add(new JsonObject().put("id", "PHUONG_AN_ALPHA").put("label", "Phương án A"))
          .add(new JsonObject().put("id", "PHUONG_AN_BETA").put("label", "Phương án B"));
      String id = dataOf(chair, chair.command("poll.create", new JsonObject().put("title", "Chọn phương án").put("kind", "SINGLE_CHOICE")
          .put("secrecy", "SECRET").put("options", options).put("rule", "RELATIVE"))).getString("pollId");
      Api.Response early = api.get("/api/meetings/" + m + "/polls/" + id + "/result", members.get(0).token());
      assertThat(early.status()).as(early.toString()).isEqualTo(409);
      acked(chair.command("poll.open", poll(id)));
      for (int i = 0; i < members.size(); i++) {
        LiveClient c = new LiveClient(api, fx.server().port(), m, members.get(i).token());
        clients.add(c);
        acked(c.connect());
        String option = i % 4 == 0 ? "PHUONG_AN_BETA" : "PHUONG_AN_ALPHA";
        JsonObject reply = c.command("vote.cast", ballot(id, key(), option));
        acked(reply);
        choiceOf.put(reply.getString("receipt"), option);
        voterOf.put(reply.getString("receipt"), members.get(i).id());
      }
      long closedAt = acked(chair.command("poll.close", poll(id)));
      JsonObject closed = eventAt(chair, closedAt).getJsonObject("data");

      // the voter's view: fetch the list and the key, check the receipt, the signature and the count
      String token = members.get(7).token();
      JsonObject published = api.get("/api/meetings/" + m + "/polls/" + id + "/result", token).json();
      JsonObject key = api.get("/api/keys/results", token).json();
      PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.getString("publicKey"))));
      assertThat(published.getString("format")).isEqualTo("plenum.poll-result.v1");
      assertThat(signatureValid(published, publicKey)).isTrue();
      assertThat(recountMatches(published)).isTrue();
      assertThat(published.getJsonObject("result").getJsonObject("totals").getMap())
          .containsExactly(Map.entry("PHUONG_AN_ALPHA", "30"), Map.entry("PHUONG_AN_BETA", "10"));
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signedBytes(published))))
          .as("the ledger's poll.closed carries the list's hash").isEqualTo(closed.getJsonObject("published").getString("sha256"));
      assertThat(closed.getJsonObject("published").getString("signature")).isEqualTo(published.getString("signature"));
      List<String> publishedOrder = new ArrayList<>();
      published.getJsonArray("entries").forEach(e -> publishedOrder.add(((JsonObject) e).getString("receipt")));
      assertThat(publishedOrder).containsExactlyInAnyOrderElementsOf(choiceOf.keySet()).isNotEqualTo(new ArrayList<>(choiceOf.keySet()));
      for (var e : choiceOf.entrySet()) {
        JsonObject entry = published.getJsonArray("entries").stream().map(o -> (JsonObject) o)
            .filter(o -> o.getString("receipt").equals(e.getKey())).findFirst().orElseThrow();
        assertThat(entry.getJsonArray("choice")).containsExactly(e.getValue());
        assertThat(entry.fieldNames()).containsExactlyInAnyOrder("receipt", "choice", "weight");
        String typed = e.getKey().toLowerCase().replace("-", " ").replace('1', 'l').replace('0', 'o'); // R2: as a person types it
        JsonObject looked = api.get("/api/meetings/" + m + "/polls/" + id + "/receipts/" + typed.replace(" ", "%20"), token).json();
        assertThat(looked.getBoolean("found")).isTrue();
        assertThat(looked.getJsonArray("choice")).containsExactly(e.getValue());
      }
      assertThat(api.get("/api/meetings/" + m + "/polls/" + id + "/receipts/0000-0000-0000-0000-0000-0000-00", token).status()).isEqualTo(404);
      assertThat(api.get("/api/meetings/" + m + "/polls/" + id + "/receipts/not-a-receipt", token).code()).isEqualTo("BAD_MESSAGE");

      // tampering: one ballot moved to the other option, or one ballot dropped
      JsonObject moved = published.copy();
      JsonObject first = moved.getJsonArray("entries").getJsonObject(0);
      first.put("choice", new JsonArray().add(first.getJsonArray("choice").getString(0).equals("PHUONG_AN_ALPHA") ? "PHUONG_AN_BETA" : "PHUONG_AN_ALPHA"));
      assertThat(signatureValid(moved, publicKey)).isFalse();
      assertThat(recountMatches(moved)).isFalse();
      JsonObject dropped = published.copy();
      dropped.getJsonArray("entries").remove(0);
      assertThat(signatureValid(dropped, publicKey)).isFalse();
      assertThat(recountMatches(dropped)).isFalse();

      // the database: no row joins a voter to a choice or receipt, and the physical order does not follow the casting order
      try (Connection db = fx.server().jdbc()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = db.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
          while (rs.next()) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
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
              for (var r : voterOf.entrySet()) {
                if (text.contains(r.getValue()) && (text.contains(r.getKey()) || text.contains("PHUONG_AN"))) {
                  leaks.add(table + ": " + text);
                }
              }
            }
          }
        }
        assertThat(leaks).isEmpty();
        List<String> heapBallots = column(db, "select receipt from ballot where poll_id = '" + id + "' order by ctid");
        assertThat(heapBallots).containsExactlyInAnyOrderElementsOf(choiceOf.keySet()).isNotEqualTo(new ArrayList<>(choiceOf.keySet()));
        List<String> heapVoters = column(db, "select voter_id::text from poll_voter where poll_id = '" + id + "' order by ctid");
        assertThat(heapVoters).isSortedAccordingTo(java.util.Comparator.comparing(java.util.UUID::fromString));
      }
    } finally {
      clients.forEach(LiveClient::close);
      log.close();
    }
    List<String> lines = log.lines();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(line).as("a log line").doesNotContain("PHUONG_AN");
      for (String receipt : choiceOf.keySet()) {
        assertThat(line).as("a log line").doesNotContain(receipt);
      }
    }
  }

  static List<String> column(Connection db, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
