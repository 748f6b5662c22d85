package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnitBallotsTest {
  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  @DisplayName("D24: the unit is the largest decimal dividing every weight")
  void quantum() {
    assertThat(UnitBallots.quantum(List.of(d("1"), d("3"), d("2")))).isEqualByComparingTo("1");
    assertThat(UnitBallots.quantum(List.of(d("2"), d("4"), d("6")))).isEqualByComparingTo("2");
    assertThat(UnitBallots.quantum(List.of(d("1.5"), d("0.5"), d("2.00")))).isEqualByComparingTo("0.5");
    assertThat(UnitBallots.quantum(List.of())).isEqualByComparingTo("1");
    assertThat(UnitBallots.count(List.of(d("1.5"), d("0.5"), d("2")))).isEqualTo(8);
  }

  @Test
  @DisplayName("VT16, R6: a weighted ballot becomes unit entries with receipts derived from the voter's; one unit keeps its receipt; totals equal")
  void split() {
    PollId poll = PollId.random();
    String r1 = Receipts.newCode();
    String r3 = Receipts.newCode();
    List<PublishedResult.Entry> out = UnitBallots.split(poll, List.of(new PublishedResult.Entry(r1, Choice.YES, d("1")),
        new PublishedResult.Entry(r3, Choice.NO, d("3"))));
    assertThat(out).hasSize(4);
    assertThat(out.stream().map(PublishedResult.Entry::weight).collect(Collectors.toSet())).containsExactly(d("1"));
    Set<String> receipts = out.stream().map(PublishedResult.Entry::receipt).collect(Collectors.toSet());
    assertThat(receipts).hasSize(4).contains(r1, Receipts.unit(poll, r3, 1), Receipts.unit(poll, r3, 2), Receipts.unit(poll, r3, 3))
        .doesNotContain(r3);
    assertThat(Receipts.unit(poll, r3, 1)).isNotEqualTo(Receipts.unit(PollId.random(), r3, 1));
    assertThat(Receipts.isReceipt(Receipts.unit(poll, r3, 2))).isTrue();
  }
}
