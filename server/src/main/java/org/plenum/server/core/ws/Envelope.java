package org.plenum.server.core.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.JsonBodies;

/**
 * A client message: {@code type}, {@code requestId} and the command's own fields. Parsed strictly (protocol P2):
 * not JSON, not an object, duplicate keys, a missing or non-text {@code type} or {@code requestId} are BAD_MESSAGE.
 */
public record Envelope(String type, String requestId, ObjectNode body) {
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** The requestId of a message, if one can be read at all; for error replies to bad messages. */
  public static String requestIdOf(String text) {
    try {
      JsonNode n = JsonBodies.tree(text);
      JsonNode r = n.get("requestId");
      return r != null && r.isTextual() && REQUEST_ID.matcher(r.asText()).matches() ? r.asText() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static Envelope parse(String text) {
    JsonNode n = JsonBodies.tree(text);
    if (!(n instanceof ObjectNode o)) {
      throw PlenumException.badMessage("A message must be a JSON object with a 'type' and a 'requestId'.");
    }
    JsonNode type = o.remove("type");
    JsonNode requestId = o.remove("requestId");
    if (type == null || !type.isTextual() || type.asText().isBlank()) {
      throw PlenumException.badMessage("A message needs a text field 'type'.");
    }
    if (requestId == null || !requestId.isTextual()) {
      throw PlenumException.badMessage("Every command needs a text field 'requestId' (1-64 of A-Z a-z 0-9 . _ : -).");
    }
    if (!REQUEST_ID.matcher(requestId.asText()).matches()) {
      throw PlenumException.badMessage("Field 'requestId' must be 1-64 of A-Z a-z 0-9 . _ : -.");
    }
    return new Envelope(type.asText(), requestId.asText(), o);
  }

  public <T> T as(Class<T> type) {
    return JsonBodies.convert(body, type);
  }
}
