package org.plenum.server.vote;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * What is being decided and how (rules V1–V8): immutable, validated on construction (BAD_MESSAGE naming the poll and
 * the problem). For choice polls {@code maxChoices} is also the number of seats (winners).
 */
public record PollSpec(String title, PollKind kind, Secrecy secrecy, List<PollOption> options, int minChoices,
                       int maxChoices, MajorityRule rule, QuorumRule quorum, Abstentions abstentions) {
  public static final int MAX_TITLE = 300;
  public static final int MAX_OPTIONS = 200;
  private static final List<String> YES_NO_ABSTAIN_IDS = List.of("YES", "NO", "ABSTAIN");

  public PollSpec {
    if (title == null || title.isBlank()) {
      throw PlenumException.badMessage("A poll needs a title.");
    }
    title = title.strip();
    if (title.length() > MAX_TITLE) {
      throw PlenumException.badMessage("A poll title is at most " + MAX_TITLE + " characters.");
    }
    if (kind == null || secrecy == null || options == null || rule == null || quorum == null || abstentions == null) {
      throw bad(title, "kind, secrecy, options, majority rule, quorum rule and abstention policy are all required");
    }
    if (options.stream().anyMatch(Objects::isNull)) {
      throw bad(title, "an option is missing");
    }
    options = List.copyOf(options);
    checkOptions(title, kind, options);
    checkChoices(title, kind, options.size(), minChoices, maxChoices);
    if (kind == PollKind.YES_NO_ABSTAIN && rule == MajorityRule.RELATIVE) {
      throw bad(title, "a YES_NO_ABSTAIN poll needs a majority rule; RELATIVE applies to choice polls only");
    }
  }

  /** Tán thành / không tán thành / không biểu quyết with the standard labels. */
  public static PollSpec yesNo(String title, Secrecy secrecy, MajorityRule rule, QuorumRule quorum, Abstentions abstentions) {
    return new PollSpec(title, PollKind.YES_NO_ABSTAIN, secrecy, List.of(PollOption.YES, PollOption.NO, PollOption.ABSTAIN),
        1, 1, rule, quorum, abstentions);
  }

  /** Bầu cử: keep up to {@code seats} names, striking all is allowed; empty ballots do not count as votes cast. */
  public static PollSpec election(String title, Secrecy secrecy, List<PollOption> candidates, int seats, MajorityRule rule,
                                  QuorumRule quorum) {
    return new PollSpec(title, PollKind.ELECTION, secrecy, candidates, 0, seats, rule, quorum, Abstentions.IGNORED);
  }

  /** Rule V8: the choice if it fits this poll, else INVALID_BALLOT. */
  public Choice validate(Choice choice) {
    if (choice == null) {
      throw invalid("a ballot needs a choice");
    }
    for (String id : choice.optionIds()) {
      if (findOption(id) == null) {
        throw invalid("unknown option " + Choice.quote(id));
      }
    }
    if (choice.size() > maxChoices) {
      throw invalid("too many choices: at most " + maxChoices);
    }
    if (choice.size() < minChoices) {
      throw invalid("choose at least " + minChoices);
    }
    return choice;
  }

  /** How many options win in a choice poll. */
  public int seats() {
    return maxChoices;
  }

  /** ABSTAIN in a YES_NO_ABSTAIN poll, an empty ballot elsewhere (see {@link Abstentions}). */
  public boolean isAbstention(Choice choice) {
    return kind == PollKind.YES_NO_ABSTAIN ? choice.contains("ABSTAIN") : choice.isEmpty();
  }

  /** The option with that id, or null. */
  public PollOption findOption(String id) {
    for (PollOption o : options) {
      if (o.id().equals(id)) {
        return o;
      }
    }
    return null;
  }

  JsonObject toJson() {
    JsonArray opts = new JsonArray();
    options.forEach(o -> opts.add(o.toJson()));
    return new JsonObject().put("title", title).put("kind", kind.name()).put("secrecy", secrecy.name()).put("options", opts)
        .put("minChoices", minChoices).put("maxChoices", maxChoices).put("rule", rule.name()).put("quorum", quorum.toJson())
        .put("abstentions", abstentions.name());
  }

  private PlenumException invalid(String what) {
    return new PlenumException(ErrorCode.INVALID_BALLOT, "Invalid ballot for poll '" + title + "': " + what + ".");
  }

  private static PlenumException bad(String title, String what) {
    return PlenumException.badMessage("Poll '" + title + "': " + what + ".");
  }

  private static void checkOptions(String title, PollKind kind, List<PollOption> options) {
    if (kind == PollKind.YES_NO_ABSTAIN) {
      if (!options.stream().map(PollOption::id).toList().equals(YES_NO_ABSTAIN_IDS)) {
        throw bad(title, "a YES_NO_ABSTAIN poll has exactly the options YES, NO, ABSTAIN in that order");
      }
    } else {
      int least = kind == PollKind.ELECTION ? 1 : 2;
      if (options.size() < least || options.size() > MAX_OPTIONS) {
        throw bad(title, kind + " needs " + least + " to " + MAX_OPTIONS + " options, got " + options.size());
      }
    }
    Set<String> ids = new HashSet<>();
    Set<String> labels = new HashSet<>();
    for (PollOption o : options) {
      if (!ids.add(o.id())) {
        throw bad(title, "duplicate option id '" + o.id() + "'");
      }
      if (!labels.add(o.labelKey())) {
        throw bad(title, "duplicate option label '" + o.label() + "'");
      }
    }
  }

  private static void checkChoices(String title, PollKind kind, int count, int min, int max) {
    String got = ", got minChoices " + min + " and maxChoices " + max;
    switch (kind) {
      case YES_NO_ABSTAIN, SINGLE_CHOICE -> {
        if (min != 1 || max != 1) {
          throw bad(title, kind + " takes exactly one choice (minChoices = maxChoices = 1)" + got);
        }
      }
      case MULTIPLE_CHOICE -> {
        if (min < 1 || min > max || max > count) {
          throw bad(title, "a MULTIPLE_CHOICE poll needs 1 <= minChoices <= maxChoices <= " + count + " options" + got);
        }
      }
      case ELECTION -> {
        if (min < 0 || min > max || max < 1 || max > count) {
          throw bad(title, "an ELECTION needs 0 <= minChoices <= maxChoices (the seats) <= " + count
              + " candidates and at least one seat" + got);
        }
      }
    }
  }
}
