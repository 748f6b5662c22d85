package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.vote.VoteFixtures.choice;
import static org.plenum.server.vote.VoteFixtures.failsWith;
import static org.plenum.server.vote.VoteFixtures.options;
import static org.plenum.server.vote.VoteFixtures.resolution;

import java.text.Normalizer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plenum.server.core.error.ErrorCode;

class PollSpecTest {
  private static final QuorumRule ANY = QuorumRule.atLeast(0);

  @Test
  @DisplayName("V1: a yes/no resolution is defined with fixed options, one choice, a rule, a quorum and an abstention policy")
  void yes_no_definition() {
    PollSpec spec = PollSpec.yesNo("  Nghị quyết  ", Secrecy.SECRET, MajorityRule.ABSOLUTE_OF_MEMBERS,
        QuorumRule.twoThirdsOfMembers(), Abstentions.IGNORED);
    assertThat(spec.title()).isEqualTo("Nghị quyết");
    assertThat(spec.options()).extracting(PollOption::id).containsExactly("YES", "NO", "ABSTAIN");
    assertThat(spec.options()).extracting(PollOption::label).containsExactly("Tán thành", "Không tán thành", "Không biểu quyết");
    assertThat(spec.minChoices()).isEqualTo(1);
    assertThat(spec.maxChoices()).isEqualTo(1);
  }

  @Test
  @DisplayName("V1: a missing or overlong title, or a missing rule, is BAD_MESSAGE naming the problem")
  void title_and_required_parts() {
    failsWith(ErrorCode.BAD_MESSAGE, () -> resolutionTitled(" ")).hasMessageContaining("needs a title");
    failsWith(ErrorCode.BAD_MESSAGE, () -> resolutionTitled("x".repeat(301))).hasMessageContaining("at most 300");
    assertThat(resolutionTitled("x".repeat(300)).title()).hasSize(300);
    failsWith(ErrorCode.BAD_MESSAGE, () -> PollSpec.yesNo("T", Secrecy.SECRET, null, ANY, Abstentions.IGNORED))
        .hasMessageContaining("Poll 'T'").hasMessageContaining("majority rule");
  }

  @Test
  @DisplayName("V2: YES_NO_ABSTAIN takes exactly YES, NO, ABSTAIN in that order; labels may be reworded")
  void yes_no_fixed_options() {
    List<PollOption> reworded = List.of(new PollOption("YES", "Đồng ý"), new PollOption("NO", "Không đồng ý"),
        new PollOption("ABSTAIN", "Không biểu quyết"));
    assertThat(yesNoWith(reworded).options()).hasSize(3);
    failsWith(ErrorCode.BAD_MESSAGE, () -> yesNoWith(List.of(PollOption.YES, PollOption.NO)))
        .hasMessageContaining("exactly the options YES, NO, ABSTAIN");
    failsWith(ErrorCode.BAD_MESSAGE, () -> yesNoWith(List.of(PollOption.NO, PollOption.YES, PollOption.ABSTAIN)))
        .hasMessageContaining("in that order");
    failsWith(ErrorCode.BAD_MESSAGE, () -> yesNoWith(List.of(PollOption.YES, PollOption.NO, new PollOption("MAYBE", "Có thể"))))
        .hasMessageContaining("YES, NO, ABSTAIN");
  }

  @Test
  @DisplayName("V2: YES_NO_ABSTAIN takes one choice and refuses the RELATIVE rule")
  void yes_no_one_choice_not_relative() {
    List<PollOption> fixed = List.of(PollOption.YES, PollOption.NO, PollOption.ABSTAIN);
    failsWith(ErrorCode.BAD_MESSAGE, () -> new PollSpec("T", PollKind.YES_NO_ABSTAIN, Secrecy.NAMED, fixed, 1, 2,
        MajorityRule.SIMPLE, ANY, Abstentions.IGNORED)).hasMessageContaining("exactly one choice");
    failsWith(ErrorCode.BAD_MESSAGE, () -> resolution(MajorityRule.RELATIVE, Abstentions.IGNORED))
        .hasMessageContaining("RELATIVE applies to choice polls only");
  }

  @Test
  @DisplayName("V3: SINGLE_CHOICE needs 2 to 200 options and exactly one choice")
  void single_choice() {
    assertThat(choice(PollKind.SINGLE_CHOICE, 1, 1, MajorityRule.RELATIVE, "A", "B").seats()).isEqualTo(1);
    failsWith(ErrorCode.BAD_MESSAGE, () -> choice(PollKind.SINGLE_CHOICE, 1, 1, MajorityRule.RELATIVE, "A"))
        .hasMessageContaining("needs 2 to 200 options, got 1");
    assertThat(choice(PollKind.SINGLE_CHOICE, 1, 1, MajorityRule.RELATIVE, ids(200)).options()).hasSize(200);
    failsWith(ErrorCode.BAD_MESSAGE, () -> choice(PollKind.SINGLE_CHOICE, 1, 1, MajorityRule.RELATIVE, ids(201)))
        .hasMessageContaining("got 201");
    failsWith(ErrorCode.BAD_MESSAGE, () -> choice(PollKind.SINGLE_CHOICE, 1, 2, MajorityRule.RELATIVE, "A", "B", "C"))
        .hasMessageContaining("exactly one choice").hasMessageContaining("maxChoices 2");
  }

  @Test
  @DisplayName("V4: MULTIPLE_CHOICE needs 1 <= minChoices <= maxChoices <= options")
  void multiple_choice() {
    assertThat(choice(PollKind.MULTIPLE_CHOICE, 1, 3, MajorityRule.RELATIVE, "A", "B", "C", "D").seats()).isEqualTo(3);
    assertThat(choice(PollKind.MULTIPLE_CHOICE, 2, 2, MajorityRule.RELATIVE, "A", "B").seats()).isEqualTo(2);
    for (int[] bad : new int[][] {{0, 2}, {3, 2}, {1, 5}}) {
      failsWith(ErrorCode.BAD_MESSAGE, () -> choice(PollKind.MULTIPLE_CHOICE, bad[0], bad[1], MajorityRule.RELATIVE, "A", "B", "C", "D"))
          .hasMessageContaining("1 <= minChoices <= maxChoices <= 4 options")
          .hasMessageContaining("got minChoices " + bad[0] + " and maxChoices " + bad[1]);
    }
  }

  @Test
  @DisplayName("V5: an ELECTION takes 1 to 200 candidates and 1 to candidates seats; striking every name is allowed")
  void election() {
    PollSpec one = PollSpec.election("Bầu Chủ tịch HĐND", Secrecy.SECRET, options("AN"), 1, MajorityRule.ABSOLUTE_OF_MEMBERS, ANY);
    assertThat(one.minChoices()).isZero();
    assertThat(one.seats()).isEqualTo(1);
    failsWith(ErrorCode.BAD_MESSAGE, () -> PollSpec.election("E", Secrecy.SECRET, options("A", "B"), 0, MajorityRule.RELATIVE, ANY))
        .hasMessageContaining("at least one seat");
    failsWith(ErrorCode.BAD_MESSAGE, () -> PollSpec.election("E", Secrecy.SECRET, options("A", "B"), 3, MajorityRule.RELATIVE, ANY))
        .hasMessageContaining("<= 2 candidates");
    failsWith(ErrorCode.BAD_MESSAGE, () -> PollSpec.election("E", Secrecy.SECRET, List.of(), 1, MajorityRule.RELATIVE, ANY))
        .hasMessageContaining("needs 1 to 200 options, got 0");
    failsWith(ErrorCode.BAD_MESSAGE, () -> choice(PollKind.ELECTION, 2, 1, MajorityRule.RELATIVE, "A", "B"))
        .hasMessageContaining("0 <= minChoices <= maxChoices");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "ý-kiến", "x/y", "12345678901234567890123456789012345678901234567890123456789012345"})
  @DisplayName("V6: an option id is 1 to 64 of letters, digits, '-' and '_'")
  void option_ids(String id) {
    failsWith(ErrorCode.BAD_MESSAGE, () -> new PollOption(id, "Label")).hasMessageContaining("1 to 64 letters");
  }

  @Test
  @DisplayName("V6: an option needs a label of at most 300 characters; labels are trimmed")
  void option_labels() {
    failsWith(ErrorCode.BAD_MESSAGE, () -> new PollOption("A", "  ")).hasMessageContaining("needs a label");
    failsWith(ErrorCode.BAD_MESSAGE, () -> new PollOption("A", "x".repeat(301))).hasMessageContaining("300");
    assertThat(new PollOption("A-1_b", "  Phương án A ").label()).isEqualTo("Phương án A");
  }

  @Test
  @DisplayName("V6: duplicate option ids are rejected")
  void duplicate_ids() {
    failsWith(ErrorCode.BAD_MESSAGE, () -> new PollSpec("T", PollKind.SINGLE_CHOICE, Secrecy.SECRET,
        List.of(new PollOption("A", "Một"), new PollOption("A", "Hai")), 1, 1, MajorityRule.RELATIVE, ANY, Abstentions.IGNORED))
        .hasMessageContaining("duplicate option id 'A'");
  }

  @Test
  @DisplayName("V6: labels that differ only in case, white space or Unicode composition are duplicates")
  void duplicate_labels() {
    String composed = "Nguyễn Văn An";
    String decomposed = Normalizer.normalize("NGUYỄN  văn AN", Normalizer.Form.NFD);
    assertThat(decomposed).isNotEqualTo(composed.toUpperCase());
    failsWith(ErrorCode.BAD_MESSAGE, () -> PollSpec.election("E", Secrecy.SECRET,
        List.of(new PollOption("A", composed), new PollOption("B", decomposed)), 1, MajorityRule.RELATIVE, ANY))
        .hasMessageContaining("duplicate option label");
  }

  @Test
  @DisplayName("V7: a choice is a sorted set; naming an option twice is INVALID_BALLOT")
  void choice_is_a_set() {
    assertThat(Choice.of("C", "A", "B")).isEqualTo(Choice.of("A", "B", "C"));
    assertThat(Choice.of("C", "A").optionIds()).containsExactly("A", "C");
    failsWith(ErrorCode.INVALID_BALLOT, () -> Choice.of("A", "B", "A")).hasMessageContaining("option 'A' is chosen twice");
    failsWith(ErrorCode.INVALID_BALLOT, () -> new Choice(null)).hasMessageContaining("list of option ids");
  }

  @Test
  @DisplayName("V8: an unknown option is INVALID_BALLOT \"unknown option 'x'\", checked before the counts")
  void unknown_option() {
    PollSpec spec = choice(PollKind.MULTIPLE_CHOICE, 2, 3, MajorityRule.RELATIVE, "A", "B", "C", "D");
    failsWith(ErrorCode.INVALID_BALLOT, () -> spec.validate(Choice.of("x"))).hasMessageContaining("unknown option 'x'");
    failsWith(ErrorCode.INVALID_BALLOT, () -> spec.validate(Choice.of("y".repeat(500)))).hasMessageContaining("…")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }

  @Test
  @DisplayName("V8: more than maxChoices is \"too many choices: at most N\", fewer than minChoices \"choose at least N\"")
  void choice_counts() {
    PollSpec spec = choice(PollKind.MULTIPLE_CHOICE, 2, 3, MajorityRule.RELATIVE, "A", "B", "C", "D");
    assertThat(spec.validate(Choice.of("A", "B"))).isEqualTo(Choice.of("A", "B"));
    assertThat(spec.validate(Choice.of("A", "B", "D"))).isNotNull();
    failsWith(ErrorCode.INVALID_BALLOT, () -> spec.validate(Choice.of("A", "B", "C", "D")))
        .hasMessageContaining("too many choices: at most 3").hasMessageContaining("Lựa chọn MULTIPLE_CHOICE");
    failsWith(ErrorCode.INVALID_BALLOT, () -> spec.validate(Choice.of("A"))).hasMessageContaining("choose at least 2");
    failsWith(ErrorCode.INVALID_BALLOT, () -> spec.validate(null)).hasMessageContaining("needs a choice");
  }

  @Test
  @DisplayName("V8: a yes/no ballot is exactly one of YES, NO, ABSTAIN")
  void yes_no_ballots() {
    PollSpec spec = resolution(MajorityRule.SIMPLE, Abstentions.IGNORED);
    assertThat(List.of(Choice.YES, Choice.NO, Choice.ABSTAIN)).allSatisfy(c -> assertThat(spec.validate(c)).isEqualTo(c));
    failsWith(ErrorCode.INVALID_BALLOT, () -> spec.validate(Choice.of("YES", "NO"))).hasMessageContaining("too many choices: at most 1");
    failsWith(ErrorCode.INVALID_BALLOT, () -> spec.validate(Choice.NONE)).hasMessageContaining("choose at least 1");
    failsWith(ErrorCode.INVALID_BALLOT, () -> spec.validate(Choice.of("yes"))).hasMessageContaining("unknown option 'yes'");
  }

  @Test
  @DisplayName("V8: an election ballot keeps at most as many names as seats, and may strike them all")
  void election_ballots() {
    PollSpec spec = PollSpec.election("E", Secrecy.SECRET, options("A", "B", "C"), 2, MajorityRule.RELATIVE, ANY);
    assertThat(spec.validate(Choice.NONE)).isEqualTo(Choice.NONE);
    assertThat(spec.isAbstention(Choice.NONE)).isTrue();
    assertThat(spec.validate(Choice.of("A", "C"))).isNotNull();
    failsWith(ErrorCode.INVALID_BALLOT, () -> spec.validate(Choice.of("A", "B", "C"))).hasMessageContaining("too many choices: at most 2");
  }

  private static PollSpec resolutionTitled(String title) {
    return PollSpec.yesNo(title, Secrecy.SECRET, MajorityRule.SIMPLE, ANY, Abstentions.IGNORED);
  }

  private static PollSpec yesNoWith(List<PollOption> options) {
    return new PollSpec("T", PollKind.YES_NO_ABSTAIN, Secrecy.NAMED, options, 1, 1, MajorityRule.SIMPLE, ANY, Abstentions.IGNORED);
  }

  private static String[] ids(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "O" + i).toArray(String[]::new);
  }
}
