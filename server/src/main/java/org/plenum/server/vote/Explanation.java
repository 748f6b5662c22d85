package org.plenum.server.vote;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-line Vietnamese / English explanation of a result (rule T3). */
final class Explanation {
  private Explanation() {}

  static String of(PollSpec spec, Map<String, BigDecimal> totals, BigDecimal base, Quorum quorum, Outcome outcome) {
    return switch (outcome.verdict()) {
      case NO_QUORUM -> "Không đủ số lượng đại biểu: có mặt " + n(quorum.present(), true) + "/" + n(quorum.members(), true)
          + ", cần " + n(quorum.required(), true) + " — không có kết quả / No quorum: " + n(quorum.present(), false) + " of "
          + n(quorum.members(), false) + " present, " + n(quorum.required(), false) + " required — no result";
      case ADOPTED, REJECTED -> spec.kind() == PollKind.YES_NO_ABSTAIN
          ? yesNo(spec.rule(), totals.get("YES"), base, outcome.verdict() == Outcome.Verdict.ADOPTED)
          : nonePasses(spec);
      case ELECTED -> chosen(spec, true) + ": " + list(spec, totals, base, outcome.elected(), true) + " — "
          + spec.rule().vietnamese() + " / " + chosen(spec, false) + ": " + list(spec, totals, base, outcome.elected(), false)
          + " — " + spec.rule().english();
      case TIE -> tie(spec, totals, base, outcome);
    };
  }

  private static String yesNo(MajorityRule rule, BigDecimal yes, BigDecimal base, boolean adopted) {
    return "Tán thành " + n(yes, true) + "/" + n(base, true) + " " + rule.baseVietnamese() + " ("
        + Decimals.percent(yes, base, true) + "), " + (adopted ? "đạt " : "không đạt ") + rule.vietnamese() + " — "
        + (adopted ? "thông qua" : "không thông qua") + " / Yes " + n(yes, false) + " of " + n(base, false) + " "
        + rule.baseEnglish() + " (" + Decimals.percent(yes, base, false) + "), " + (adopted ? "meets " : "does not reach ")
        + rule.english() + " — " + (adopted ? "adopted" : "rejected");
  }

  private static String nonePasses(PollSpec spec) {
    boolean election = spec.kind() == PollKind.ELECTION;
    if (spec.rule() == MajorityRule.RELATIVE) {
      return "Không " + (election ? "ứng cử viên" : "phương án") + " nào có phiếu — không có kết quả / No votes for any "
          + (election ? "candidate" : "option") + " — none chosen";
    }
    return "Không " + (election ? "ứng cử viên" : "phương án") + " nào đạt " + spec.rule().vietnamese()
        + " — không có kết quả / No " + (election ? "candidate" : "option") + " reaches " + spec.rule().english()
        + " — none chosen";
  }

  private static String tie(PollSpec spec, Map<String, BigDecimal> totals, BigDecimal base, Outcome outcome) {
    int open = spec.seats() - outcome.elected().size();
    String vi = outcome.elected().isEmpty() ? "" : chosen(spec, true) + ": " + list(spec, totals, base, outcome.elected(), true) + "; ";
    String en = outcome.elected().isEmpty() ? "" : chosen(spec, false) + ": " + list(spec, totals, base, outcome.elected(), false) + "; ";
    return vi + (vi.isEmpty() ? "Bằng phiếu: " : "bằng phiếu: ") + list(spec, totals, base, outcome.tied(), true) + " cho "
        + open + " vị trí — chưa quyết định / " + en + (en.isEmpty() ? "Tie: " : "tie: ")
        + list(spec, totals, base, outcome.tied(), false) + " for " + open + (open == 1 ? " place" : " places") + " — undecided";
  }

  private static String chosen(PollSpec spec, boolean vietnamese) {
    if (spec.kind() == PollKind.ELECTION) {
      return vietnamese ? "Trúng cử" : "Elected";
    }
    return vietnamese ? "Được chọn" : "Chosen";
  }

  private static String list(PollSpec spec, Map<String, BigDecimal> totals, BigDecimal base, List<String> ids, boolean vi) {
    return ids.stream().map(id -> spec.findOption(id).label() + " " + n(totals.get(id), vi) + (vi ? "/" : " of ") + n(base, vi)
        + " (" + Decimals.percent(totals.get(id), base, vi) + ")").collect(Collectors.joining(", "));
  }

  private static String n(BigDecimal x, boolean vietnamese) {
    return Decimals.show(x, vietnamese);
  }
}
