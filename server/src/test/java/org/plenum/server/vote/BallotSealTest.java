package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BallotSealTest {
  static final PollSpec SPEC = PollSpec.yesNo("Dự toán", Secrecy.SECRET, MajorityRule.SIMPLE, QuorumRule.atLeast(0), Abstentions.IGNORED);

  @Test
  @DisplayName("D24: sealed ballots are randomised, of one length per poll, open only with the poll key, and not in another poll")
  void seal_and_open(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys").resolve("ballot-master.key");
    BallotSeal seal = BallotSeal.load(file);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    PollId poll = PollId.random();
    byte[] wrapped = seal.newPollKey(poll);
    String receipt = Receipts.newCode();
    PublishedResult.Entry yes = new PublishedResult.Entry(receipt, Choice.YES, BigDecimal.ONE);
    byte[] a = seal.seal(SPEC, poll, yes);
    byte[] b = seal.seal(SPEC, poll, yes);
    byte[] abstain = seal.seal(SPEC, poll, new PublishedResult.Entry(Receipts.newCode(), Choice.ABSTAIN, new BigDecimal("999999.5")));
    assertThat(a).isNotEqualTo(b);
    assertThat(List.of(a.length, b.length, abstain.length)).containsOnly(a.length);
    assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("YES").doesNotContain(receipt);
    assertThat(seal.open(poll, a)).isEqualTo(yes);
    assertThat(seal.tag(poll, receipt)).isEqualTo(seal.tag(poll, receipt)).isNotEqualTo(seal.tag(poll, Receipts.newCode()));

    // after a restart: the same master key file unwraps the stored key; erased, nothing opens
    BallotSeal restarted = BallotSeal.load(file);
    assertThat(restarted.holds(poll)).isFalse();
    restarted.restore(poll, wrapped);
    assertThat(restarted.open(poll, a)).isEqualTo(yes);
    restarted.erase(poll);
    assertThatThrownBy(() -> restarted.open(poll, a)).isInstanceOf(IllegalStateException.class);

    // another master key cannot unwrap it
    BallotSeal other = BallotSeal.load(dir.resolve("other.key"));
    assertThatThrownBy(() -> other.restore(poll, wrapped)).isInstanceOf(IllegalStateException.class);
    // a ballot moved to another poll does not open
    PollId second = PollId.random();
    seal.newPollKey(second);
    assertThatThrownBy(() -> seal.open(second, a)).isInstanceOf(IllegalStateException.class);
  }
}
