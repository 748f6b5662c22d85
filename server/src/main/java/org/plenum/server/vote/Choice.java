package org.plenum.server.vote;

import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.TreeSet;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * The option ids one ballot picks, as a sorted set (rule V7). Whether it fits a poll is {@link PollSpec#validate}'s
 * business; for YES_NO_ABSTAIN it is exactly one of {@link #YES}, {@link #NO}, {@link #ABSTAIN}.
 */
public record Choice(List<String> optionIds) {
  public static final Choice YES = Choice.of("YES");
  public static final Choice NO = Choice.of("NO");
  public static final Choice ABSTAIN = Choice.of("ABSTAIN");
  /** Nothing chosen: valid only where minChoices = 0 (an ELECTION ballot with every name struck). */
  public static final Choice NONE = Choice.of();

  public Choice {
    if (optionIds == null) {
      throw invalid("a ballot needs a list of option ids");
    }
    TreeSet<String> ids = new TreeSet<>();
    for (String id : optionIds) {
      if (id == null) {
        throw invalid("an option id is missing");
      }
      if (!ids.add(id)) {
        throw invalid("option " + quote(id) + " is chosen twice");
      }
    }
    optionIds = List.copyOf(ids);
  }

  public static Choice of(String... optionIds) {
    return new Choice(List.of(optionIds));
  }

  public boolean contains(String optionId) {
    return optionIds.contains(optionId);
  }

  public int size() {
    return optionIds.size();
  }

  public boolean isEmpty() {
    return optionIds.isEmpty();
  }

  JsonArray toJson() {
    return new JsonArray(List.copyOf(optionIds));
  }

  static PlenumException invalid(String what) {
    return new PlenumException(ErrorCode.INVALID_BALLOT, "Invalid ballot: " + what + ".");
  }

  /** Quotes a client-supplied string for a message, cut to 64 characters. */
  static String quote(String s) {
    if (s == null) {
      return "(none)";
    }
    return "'" + (s.length() > 64 ? s.substring(0, 64) + "…" : s) + "'";
  }
}
