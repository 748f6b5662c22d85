package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import io.vertx.core.json.JsonObject;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/** VT13: the signed published list of a closed poll, and one receipt looked up in it (any participant may ask). */
final class PollResults {
  private final Database db;
  private final PollStore store;

  PollResults(Database db, PollStore store) {
    this.db = db;
    this.store = store;
  }

  /** The published list as it was signed (canonical JSON); CONFLICT before the poll closes. */
  Future<String> published(MeetingId meeting, PollId id) {
    return store.read(db.auto(), meeting, id).map(s -> {
      if (s.publishedText() == null) {
        throw new PlenumException(ErrorCode.CONFLICT, "Poll '" + s.poll().spec().title() + "' is " + s.poll().status()
            + "; its result is published when it closes.");
      }
      return s.publishedText();
    });
  }

  /** The entry of the published list with this receipt (as typed, R2); NOT_FOUND when there is none. */
  Future<JsonObject> receipt(MeetingId meeting, PollId id, String typed) {
    if (!Receipts.isReceipt(typed)) {
      return Future.failedFuture(PlenumException.badMessage("'" + typed + "' is not a receipt code (26 characters of Crockford base32)."));
    }
    String code = Receipts.normalize(typed);
    return published(meeting, id).map(text -> {
      Map<String, JsonObject> byReceipt = new HashMap<>();
      for (Object o : new JsonObject(text).getJsonArray("entries")) {
        JsonObject e = (JsonObject) o;
        byReceipt.put(e.getString("receipt"), e);
      }
      JsonObject e = byReceipt.get(code);
      if (e != null) {
        return new JsonObject().put("pollId", id.toString()).put("found", true).put("receipt", code)
            .put("choice", e.getJsonArray("choice")).put("weight", e.getString("weight")).put("units", 1);
      }
      // R6, D24: a weighted secret ballot was published as unit entries whose receipts only this receipt derives
      BigDecimal weight = BigDecimal.ZERO;
      JsonArray choice = null;
      int units = 0;
      for (JsonObject u = byReceipt.get(Receipts.unit(id, code, 1)); u != null; u = byReceipt.get(Receipts.unit(id, code, units + 1))) {
        units++;
        weight = weight.add(new BigDecimal(u.getString("weight")));
        choice = u.getJsonArray("choice");
      }
      if (units == 0) {
        throw PlenumException.notFound("Receipt " + code + " is not in the published list of this poll.");
      }
      return new JsonObject().put("pollId", id.toString()).put("found", true).put("receipt", code)
          .put("choice", choice).put("weight", Decimals.text(weight)).put("units", units);
    });
  }
}
