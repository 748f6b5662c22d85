package org.plenum.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/**
 * Presence of large meetings and sockets spread over two HTTP verticles (docs/protocol.md PS3–PS5, D41). Vert.x hands
 * the connections of a shared port to its servers in turn, so consecutive sockets of one meeting land on different
 * event loops: what one socket learns about another crossed the event bus.
 */
public class PresenceAcrossLoopsIT {
  static LiveMeetingFixture fx;

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start(Map.of("PLENUM_HTTP_EVENT_LOOPS", "2", "PLENUM_WS_PRESENCE_FULL_MAX", "4",
        "PLENUM_WS_PRESENCE_COUNT_INTERVAL", "50ms", "PLENUM_WS_PRESENCE_PEER_TIMEOUT", "1s"));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** What each client knows of the meeting's presence so far, from the frames it read. */
  static final Map<LiveClient, Map<String, JsonObject>> KNOWN = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  /** Reads presence frames until this client knows exactly {@code expected} connections; returns them. */
  public static Map<String, JsonObject> presenceUntil(LiveClient c, Set<String> expected) {
    Map<String, JsonObject> known = KNOWN.computeIfAbsent(c, k -> new HashMap<>());
    while (!known.keySet().equals(expected)) {
      JsonObject f = c.next(x -> x.getString("type").startsWith("presence."));
      switch (f.getString("type")) {
        case "presence.snapshot" -> {
          known.clear();
          f.getJsonArray("connections").forEach(o -> known.put(((JsonObject) o).getString("connectionId"), (JsonObject) o));
        }
        case "presence.changed" -> {
          f.getJsonArray("joined").forEach(o -> known.put(((JsonObject) o).getString("connectionId"), (JsonObject) o));
          f.getJsonArray("updated").forEach(o -> known.put(((JsonObject) o).getString("connectionId"), (JsonObject) o));
          f.getJsonArray("left").forEach(known::remove);
        }
        default -> known.clear(); // presence.count: entries come again as a snapshot
      }
    }
    return known;
  }

  public static Set<String> ids(List<LiveClient> clients) {
    return clients.stream().map(c -> c.hello.getString("connectionId")).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("PS5, PS2: sockets of one meeting on two event loops each see every connection, every presence.update and every leave")
  void one_presence_across_event_loops() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient d1 = fx.client(m, "delegate1"); LiveClient d2 = fx.client(m, "delegate2")) {
      List<LiveClient> all = List.of(chair, d1, d2);
      for (LiveClient c : all) {
        presenceUntil(c, ids(all));
      }
      assertThat(d2.command("presence.update", new JsonObject().put("device", "iPad 7")).getString("type")).isEqualTo("ack");
      String tablet = d2.hello.getString("connectionId");
      for (LiveClient c : List.of(chair, d1)) {
        c.next(f -> "presence.changed".equals(f.getString("type")) && f.getJsonArray("updated").stream()
            .anyMatch(o -> tablet.equals(((JsonObject) o).getString("connectionId")) && "iPad 7".equals(((JsonObject) o).getString("device"))));
      }
      try (LiveClient late = fx.client(m, "delegate3")) {
        List<LiveClient> four = List.of(chair, d1, d2, late);
        Map<String, JsonObject> seen = presenceUntil(late, ids(four));
        assertThat(seen.get(tablet).getString("device")).isEqualTo("iPad 7");
        presenceUntil(chair, ids(four));
      }
      presenceUntil(d1, ids(all));
    }
  }

  @Test
  @DisplayName("PS3, PS4: above ws.presence_full_max the chair and a remote room still get every entry; delegates get presence.count instead")
  void large_meeting_counts() {
    String m = fx.newMeeting();
    List<LiveClient> open = new ArrayList<>();
    try {
      LiveClient chair = fx.client(m, "chair");
      LiveClient room = fx.client(m, "room1");
      open.add(chair);
      open.add(room);
      for (int i = 1; i <= 4; i++) {
        open.add(fx.client(m, "delegate" + i));
      }
      presenceUntil(chair, ids(open));
      presenceUntil(room, ids(open));
      LiveClient d4 = open.get(5);
      JsonObject count = d4.next(f -> "presence.count".equals(f.getString("type")) && f.getInteger("count") == 6);
      assertThat(count.fieldNames()).containsExactlyInAnyOrder("type", "count");
      open.get(2).next(f -> "presence.count".equals(f.getString("type")) && f.getInteger("count") == 6);

      open.remove(5).close();
      presenceUntil(chair, ids(open));
      open.get(2).next(f -> "presence.count".equals(f.getString("type")) && f.getInteger("count") == 5);
      // Back to the limit: the delegates get the entries again, as a snapshot.
      open.remove(4).close();
      Map<String, JsonObject> again = presenceUntil(open.get(2), ids(open));
      assertThat(again).hasSize(4);
    } finally {
      open.forEach(LiveClient::close);
    }
  }

  @Test
  @DisplayName("D41, R5: sockets on different event loops get the same events in the same seq order; /metrics counts the meeting's sockets")
  void same_order_on_every_loop() {
    String m = fx.newMeeting();
    List<LiveClient> clients = new ArrayList<>();
    try {
      clients.add(fx.client(m, "chair"));
      for (int i = 1; i <= 5; i++) {
        clients.add(fx.client(m, "delegate" + i));
      }
      LiveClient chair = clients.get(0);
      for (int i = 1; i <= 31; i++) {
        chair.sendText(new JsonObject().put("type", "presentation.show").put("requestId", "show" + i)
            .put("document", "order.pdf").put("page", i).encode());
      }
      // The commands commit concurrently, in any order: the last seq is the highest of the 31 acks.
      long last = 0;
      for (int i = 1; i <= 31; i++) {
        String id = "show" + i;
        last = Math.max(last, acked(chair.next(f -> id.equals(f.getString("requestId")))));
      }
      String metrics = fx.api().get("/metrics").text();
      assertThat(metrics).contains("plenum_ws_sockets{meeting=\"" + m + "\"} 6.0");
      List<Integer> expected = null;
      for (LiveClient c : clients) {
        c.awaitSeq(last, 15);
        List<Integer> pages;
        synchronized (c.events) {
          assertThat(c.events).extracting(e -> e.getLong("seq")).isSorted().doesNotHaveDuplicates();
          pages = c.events.stream().filter(e -> "presentation.changed".equals(e.getString("type")))
              .map(e -> e.getJsonObject("data").getInteger("page")).toList();
        }
        assertThat(pages).hasSize(31);
        if (expected == null) {
          expected = pages;
        }
        assertThat(pages).isEqualTo(expected);
      }
      assertThat(fx.api().get("/metrics").text()).contains("plenum_ws_events_delivered_total");
    } finally {
      clients.forEach(LiveClient::close);
    }
  }

  @Test
  @DisplayName("PS6: the connections of a channel that falls silent (its node killed, no bye) leave; heard again, they join again")
  void silent_channel_leaves() {
    String m = fx.newMeeting();
    io.vertx.core.eventbus.EventBus bus = fx.server().app().vertx().eventBus();
    String address = org.plenum.server.core.live.LiveBus.PRESENCE_PREFIX + m;
    JsonObject ghost = new JsonObject().put("connectionId", "ghost-on-a-dead-node").put("accountId", java.util.UUID.randomUUID().toString())
        .put("displayName", "Ghost").put("role", "DELEGATE").put("connectedAt", "2026-12-04T00:00:00Z");
    // the other node's channel: answers a "hello" with its connection, as a live one does (PS5)
    io.vertx.core.eventbus.MessageConsumer<JsonObject> answers = bus.consumer(address, msg -> {
      if ("hello".equals(msg.body().getString("kind"))) {
        bus.publish(address, new JsonObject().put("kind", "state").put("origin", "ghost-channel").put("to", msg.body().getString("origin"))
            .put("entries", new io.vertx.core.json.JsonArray().add(ghost)));
      }
    });
    try (LiveClient chair = fx.client(m, "chair")) {
      String me = chair.hello.getString("connectionId");
      presenceUntil(chair, Set.of(me));
      bus.publish(address, new JsonObject().put("kind", "delta").put("origin", "ghost-channel")
          .put("joined", new io.vertx.core.json.JsonArray().add(ghost)).put("updated", new io.vertx.core.json.JsonArray())
          .put("left", new io.vertx.core.json.JsonArray()));
      presenceUntil(chair, Set.of(me, "ghost-on-a-dead-node"));
      // no beat from the ghost's channel: after ws.presence_peer_timeout (1 s here) its connection leaves
      long t0 = System.nanoTime();
      presenceUntil(chair, Set.of(me));
      assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(500);
      // heard again (a beat): it is asked for its connections, which join again
      bus.publish(address, new JsonObject().put("kind", "beat").put("origin", "ghost-channel"));
      presenceUntil(chair, Set.of(me, "ghost-on-a-dead-node"));
    } finally {
      answers.unregister();
    }
  }
}
