package org.plenum.server.minutes;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * The secretary's free text in the minutes (MN3): the number and symbol, an opening and a closing paragraph, and per
 * agenda item a summary of the discussion and the decision's wording. Everything else comes from the ledger.
 */
public record MinutesTexts(String number, String opening, String closing, Map<UUID, ItemText> items) {
  public record ItemText(String summary, String decision) {}

  public static final MinutesTexts EMPTY = new MinutesTexts("", "", "", Map.of());

  public MinutesTexts {
    number = number == null ? "" : number;
    opening = opening == null ? "" : opening;
    closing = closing == null ? "" : closing;
    items = Map.copyOf(items == null ? Map.of() : items);
  }

  public ItemText item(UUID id) {
    return items.getOrDefault(id, new ItemText("", ""));
  }

  /** Strict parse of a stored or submitted body; BAD_MESSAGE for wrong shapes, PAYLOAD_TOO_LARGE over {@code maxChars}. */
  public static MinutesTexts fromJson(JsonObject j, int maxChars) {
    for (String k : j.fieldNames()) {
      if (!k.equals("number") && !k.equals("opening") && !k.equals("closing") && !k.equals("items")) {
        throw PlenumException.badMessage("Unknown field '" + k + "' in the minutes texts.");
      }
    }
    Map<UUID, ItemText> items = new LinkedHashMap<>();
    Object raw = j.getValue("items");
    if (raw != null && !(raw instanceof JsonObject)) {
      throw PlenumException.badMessage("'items' must be an object of agenda item ids.");
    }
    if (raw instanceof JsonObject o) {
      for (String k : o.fieldNames()) {
        UUID id;
        try {
          id = UUID.fromString(k);
        } catch (IllegalArgumentException e) {
          throw PlenumException.badMessage("'items' key '" + k + "' is not an agenda item id.");
        }
        if (!(o.getValue(k) instanceof JsonObject t)) {
          throw PlenumException.badMessage("'items." + k + "' must be an object with 'summary' and 'decision'.");
        }
        for (String f : t.fieldNames()) {
          if (!f.equals("summary") && !f.equals("decision")) {
            throw PlenumException.badMessage("Unknown field '" + f + "' in 'items." + k + "'.");
          }
        }
        items.put(id, new ItemText(text(t, "summary", maxChars), text(t, "decision", maxChars)));
      }
    }
    String number = text(j, "number", 64);
    return new MinutesTexts(number, text(j, "opening", maxChars), text(j, "closing", maxChars), items);
  }

  private static String text(JsonObject j, String field, int max) {
    Object v = j.getValue(field);
    if (v == null) {
      return "";
    }
    if (!(v instanceof String s)) {
      throw PlenumException.badMessage("'" + field + "' must be text.");
    }
    if (s.codePointCount(0, s.length()) > max) {
      throw new PlenumException(ErrorCode.PAYLOAD_TOO_LARGE, "'" + field + "' is longer than " + max + " characters.");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && c != '\n') {
        throw PlenumException.badMessage("'" + field + "' contains a control character.");
      }
    }
    return s.strip();
  }

  public JsonObject toJson() {
    JsonObject its = new JsonObject();
    items.forEach((id, t) -> its.put(id.toString(), new JsonObject().put("summary", t.summary()).put("decision", t.decision())));
    return new JsonObject().put("number", number).put("opening", opening).put("closing", closing).put("items", its);
  }
}
