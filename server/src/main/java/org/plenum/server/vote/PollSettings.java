package org.plenum.server.vote;

import org.plenum.server.core.error.PlenumException;

/**
 * How a poll runs, apart from what it decides: an optional time limit (the poll closes itself that many seconds
 * after it opens, VT8) and when named votes are shown (VT7).
 */
public record PollSettings(Integer durationSeconds, NamedVisibility namedVisibility) {
  public static final int MIN_DURATION = 10;
  public static final int MAX_DURATION = 86_400;

  public PollSettings {
    if (durationSeconds != null && (durationSeconds < MIN_DURATION || durationSeconds > MAX_DURATION)) {
      throw PlenumException.badMessage("Field 'durationSeconds' must be " + MIN_DURATION + " to " + MAX_DURATION + " seconds, got "
          + durationSeconds + ".");
    }
    namedVisibility = namedVisibility == null ? NamedVisibility.AFTER_CLOSE : namedVisibility;
  }

  public static PollSettings defaults() {
    return new PollSettings(null, NamedVisibility.AFTER_CLOSE);
  }
}
