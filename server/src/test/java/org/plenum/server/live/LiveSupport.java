package org.plenum.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.plenum.server.testing.Api;

/** Small REST steps the live-channel tests share: tickets, the whole ledger page by page, the chain check. */
final class LiveSupport {
  private LiveSupport() {}

  static String ticket(Api api, String meeting, String token) {
    Api.Response r = api.post("/api/meetings/" + meeting + "/ws-ticket", null, token);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().getString("ticket");
  }

  static String wsPath(Api api, String meeting, String token) {
    return "/ws/meetings/" + meeting + "?ticket=" + ticket(api, meeting, token);
  }

  /** Every ledger event the token's account may see, following {@code next} through the pages. */
  static List<JsonObject> ledger(Api api, String meeting, String token) {
    List<JsonObject> all = new ArrayList<>();
    long after = 0;
    while (true) {
      Api.Response r = api.get("/api/meetings/" + meeting + "/ledger?after=" + after + "&limit=1000", token);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonArray events = r.array("events");
      events.forEach(o -> all.add((JsonObject) o));
      Long next = r.json().getLong("next");
      if (next == null) {
        return all;
      }
      after = next;
    }
  }

  static List<Long> seqs(List<JsonObject> events) {
    return events.stream().map(e -> e.getLong("seq")).toList();
  }

  static JsonObject verify(Api api, String meeting, String token) {
    Api.Response r = api.get("/api/meetings/" + meeting + "/ledger/verify", token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }
}
