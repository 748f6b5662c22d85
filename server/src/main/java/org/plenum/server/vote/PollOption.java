package org.plenum.server.vote;

import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.plenum.server.core.error.PlenumException;

/** One answer or candidate (rule V6): a stable id ballots refer to, and the label people read. */
public record PollOption(String id, String label) {
  public static final int MAX_LABEL = 300;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public static final PollOption YES = new PollOption("YES", "Tán thành");
  public static final PollOption NO = new PollOption("NO", "Không tán thành");
  public static final PollOption ABSTAIN = new PollOption("ABSTAIN", "Không biểu quyết");

  public PollOption {
    if (id == null || !ID.matcher(id).matches()) {
      throw PlenumException.badMessage("Option id " + Choice.quote(id) + " must be 1 to 64 letters, digits, '-' or '_'.");
    }
    if (label == null || label.isBlank()) {
      throw PlenumException.badMessage("Option '" + id + "' needs a label.");
    }
    label = label.strip();
    if (label.length() > MAX_LABEL) {
      throw PlenumException.badMessage("The label of option '" + id + "' is longer than " + MAX_LABEL + " characters.");
    }
  }

  /** The key under which two labels count as the same: composed, lower case, white space collapsed. */
  String labelKey() {
    return Normalizer.normalize(label, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("label", label);
  }
}
