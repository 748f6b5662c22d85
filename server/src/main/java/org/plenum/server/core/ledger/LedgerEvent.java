package org.plenum.server.core.ledger;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;
import org.plenum.server.core.MeetingId;

/** One committed entry of a meeting's ledger. {@code data} is kept as the exact text that was hashed. */
public record LedgerEvent(MeetingId meetingId, long seq, String type, Audience audience, UUID actor, OffsetDateTime at,
                          String data, byte[] prevHash, byte[] hash) {

  public JsonObject dataJson() {
    return new JsonObject(data);
  }

  /** The event as it travels on the event bus between the ledger and the gateways. */
  public JsonObject toBus() {
    return new JsonObject().put("meetingId", meetingId.toString()).put("seq", seq).put("type", type).put("audience", audience.text())
        .put("actor", actor == null ? null : actor.toString()).put("at", at.toString()).put("data", data)
        .put("prevHash", HexFormat.of().formatHex(prevHash)).put("hash", HexFormat.of().formatHex(hash));
  }

  public static LedgerEvent fromBus(JsonObject j) {
    return new LedgerEvent(MeetingId.parse(j.getString("meetingId")), j.getLong("seq"), j.getString("type"), new Audience(j.getString("audience")),
        j.getString("actor") == null ? null : UUID.fromString(j.getString("actor")), OffsetDateTime.parse(j.getString("at")), j.getString("data"),
        HexFormat.of().parseHex(j.getString("prevHash")), HexFormat.of().parseHex(j.getString("hash")));
  }

  /** The wire frame for a client (data already projected for that client). */
  public JsonObject toFrame(JsonObject projectedData) {
    return new JsonObject().put("type", type).put("seq", seq).put("at", at.toString())
        .put("by", actor == null ? null : actor.toString()).put("data", projectedData).put("hash", HexFormat.of().formatHex(hash));
  }
}
