package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.vote.VoteFixtures.concat;
import static org.plenum.server.vote.VoteFixtures.member;
import static org.plenum.server.vote.VoteFixtures.members;

import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.vote.Voter.Presence;

/** A secret HĐND vote end to end: 50 members, 45 present, 2 proxies; then publication and tampering. */
class AuditTest {
  private static final PollSpec SPEC = PollSpec.yesNo("Nghị quyết về kế hoạch đầu tư công", Secrecy.SECRET,
      MajorityRule.ABSOLUTE_OF_MEMBERS, QuorumRule.twoThirdsOfMembers(), Abstentions.IGNORED);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<UUID, String> receiptOf = new HashMap<>();
  private final Map<UUID, Choice> choiceOf = new HashMap<>();
  private Poll poll;
  private PollResult result;
  private List<PublishedResult.Entry> entries;
  private KeyPair keys;
  private PublishedResult published;

  @BeforeEach
  void vote() throws Exception {
    Eligibility roll = Eligibility.of(concat(members(1, 45, Presence.HALL), members(46, 50, Presence.ABSENT)),
        List.of(new Proxy(member(46), member(1)), new Proxy(member(47), member(2))), 2);
    poll = Poll.draft(PollId.random(), SPEC).open();
    BallotBox box = new BallotBox(poll.id(), SPEC);
    for (int i = 1; i <= 45; i++) {
      for (UUID voter : roll.principalsFor(member(i))) {
        long n = voter.getLeastSignificantBits();
        Choice c = n <= 31 ? Choice.YES : n <= 43 ? Choice.NO : Choice.ABSTAIN;
        BallotBox.Cast cast = box.cast(poll.ballotFor(roll, member(i), voter, c), n % 2 == 0 ? UUID.randomUUID().toString() : null);
        receiptOf.put(voter, cast.receipt());
        choiceOf.put(voter, c);
      }
    }
    poll = poll.close();
    result = Tally.count(SPEC, roll.turnout(), box.counted());
    entries = box.entries();
    KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
    keys = gen.generateKeyPair();
    published = PublishedResult.publish(poll.id(), SPEC, entries, result, RANDOM, keys);
  }

  @Test
  @DisplayName("A4: 47 ballots (45 present + 2 by proxy), 31 YES of 50 members: adopted, and the recount agrees")
  void scenario() {
    assertThat(result.ballots()).isEqualTo(47);
    assertThat(result.total("YES")).isEqualByComparingTo("31");
    assertThat(result.outcome()).isEqualTo(Outcome.adopted());
    assertThat(result.representedWeight()).isEqualByComparingTo("2");
    assertThat(result.explanation()).startsWith("Tán thành 31/50 đại biểu (62%), đạt quá 1/2 tổng số đại biểu — thông qua");
    assertThat(Audit.recount(published)).isEqualTo(result);
    assertThat(Audit.isConsistent(published)).isTrue();
    assertThat(Audit.verifySignature(published, keys.getPublic())).isTrue();
  }

  @Test
  @DisplayName("A1: the published list holds every ballot once, shuffled")
  void shuffled() {
    assertThat(published.entries()).containsExactlyInAnyOrderElementsOf(entries);
    assertThat(published.entries()).isNotEqualTo(entries);
    assertThat(published.algorithm()).isEqualTo(PublishedResult.ED25519);
  }

  @Test
  @DisplayName("A1: publishing refuses a result that is not the count of the entries, and duplicate receipts")
  void publish_refuses_inconsistency() {
    PollResult other = Tally.count(SPEC, result.turnout(), entries.subList(1, entries.size()).stream().map(PublishedResult.Entry::counted).toList());
    assertThatThrownBy(() -> PublishedResult.publish(poll.id(), SPEC, entries, other, RANDOM, keys))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not the count of its ballots");
    List<PublishedResult.Entry> doubled = concat(entries, entries.subList(0, 1));
    assertThatThrownBy(() -> PublishedResult.publish(poll.id(), SPEC, doubled, result, RANDOM, keys))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("appears twice");
  }

  @Test
  @DisplayName("A1, A5: an ECDSA P-256 key signs too, and each key verifies only its own signature")
  void ecdsa() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = gen.generateKeyPair();
    PublishedResult signed = PublishedResult.publish(poll.id(), SPEC, entries, result, RANDOM, ec);
    assertThat(signed.algorithm()).isEqualTo(PublishedResult.ECDSA_P256);
    assertThat(Audit.verifySignature(signed, ec.getPublic())).isTrue();
    assertThat(Audit.verifySignature(signed, keys.getPublic())).isFalse();
    assertThat(Audit.verifySignature(published, ec.getPublic())).isFalse();
  }

  @Test
  @DisplayName("A2: the canonical JSON has sorted keys, no signature, no voter ids; the published document adds the signature")
  void canonical() {
    String json = published.canonicalJson();
    assertThat(json).startsWith("{\"algorithm\":\"Ed25519\",\"entries\":[{\"choice\":[").contains("\"format\":\"plenum.poll-result.v1\"")
        .doesNotContain("signature");
    choiceOf.keySet().forEach(voter -> assertThat(json).doesNotContain(voter.toString()));
    JsonObject doc = published.toJson();
    assertThat(doc.getString("signature")).isEqualTo(published.signature());
    assertThat(doc.getJsonArray("entries")).hasSize(47);
  }

  @Test
  @DisplayName("A3: every voter finds their receipt with their choice, also typed in lower case without hyphens")
  void receipts_verify() {
    receiptOf.forEach((voter, receipt) -> {
      assertThat(Audit.verifyReceipt(published, receipt, choiceOf.get(voter))).isTrue();
      Choice wrong = choiceOf.get(voter).equals(Choice.YES) ? Choice.NO : Choice.YES;
      assertThat(Audit.verifyReceipt(published, receipt, wrong)).isFalse();
    });
    String any = receiptOf.get(member(10));
    assertThat(Audit.verifyReceipt(published, any.toLowerCase().replace("-", ""), choiceOf.get(member(10)))).isTrue();
    assertThat(Audit.verifyReceipt(published, Receipts.newCode(), Choice.YES)).isFalse();
    assertThat(Audit.verifyReceipt(published, "not a receipt", Choice.YES)).isFalse();
  }

  @Test
  @DisplayName("A4, A5: changing one entry's choice makes the recount differ and the signature fail")
  void tampered_choice() {
    List<PublishedResult.Entry> changed = new ArrayList<>(published.entries());
    int i = indexOf(changed, receiptOf.get(member(40)));
    PublishedResult.Entry e = changed.get(i);
    changed.set(i, new PublishedResult.Entry(e.receipt(), e.choice().equals(Choice.YES) ? Choice.NO : Choice.YES, e.weight()));
    PublishedResult tampered = withEntries(changed);
    assertThat(Audit.recount(tampered)).isNotEqualTo(tampered.result());
    assertThat(Audit.isConsistent(tampered)).isFalse();
    assertThat(Audit.verifySignature(tampered, keys.getPublic())).isFalse();
    assertThat(Audit.verifyReceipt(tampered, receiptOf.get(member(40)), choiceOf.get(member(40)))).isFalse();
  }

  @Test
  @DisplayName("A3, A5: removing a voter's entry makes their receipt check fail, the recount differ and the signature fail")
  void removed_entry() {
    List<PublishedResult.Entry> fewer = new ArrayList<>(published.entries());
    fewer.remove(indexOf(fewer, receiptOf.get(member(46))));
    PublishedResult tampered = withEntries(fewer);
    assertThat(Audit.verifyReceipt(tampered, receiptOf.get(member(46)), choiceOf.get(member(46)))).isFalse();
    assertThat(Audit.verifyReceipt(tampered, receiptOf.get(member(45)), choiceOf.get(member(45)))).isTrue();
    assertThat(Audit.isConsistent(tampered)).isFalse();
    assertThat(Audit.verifySignature(tampered, keys.getPublic())).isFalse();
  }

  @Test
  @DisplayName("A5: changing the result, the algorithm or the signature itself fails verification; order does not matter to the recount")
  void other_tampering() {
    PollResult r = published.result();
    PollResult edited = new PollResult(r.totals(), r.validWeight(), r.ballots(), r.membersWeight(), r.presentWeight(),
        r.representedWeight(), Outcome.rejected(), r.ruleName(), r.explanation());
    assertThat(Audit.verifySignature(new PublishedResult(published.pollId(), SPEC, published.entries(), edited,
        published.algorithm(), published.signature()), keys.getPublic())).isFalse();
    assertThat(Audit.verifySignature(new PublishedResult(published.pollId(), SPEC, published.entries(), r,
        PublishedResult.ECDSA_P256, published.signature()), keys.getPublic())).isFalse();
    assertThat(Audit.verifySignature(new PublishedResult(published.pollId(), SPEC, published.entries(), r,
        published.algorithm(), "bm90IGEgc2lnbmF0dXJl"), keys.getPublic())).isFalse();
    assertThat(Audit.verifySignature(new PublishedResult(published.pollId(), SPEC, published.entries(), r,
        published.algorithm(), "%%%"), keys.getPublic())).isFalse();
    assertThat(Audit.isConsistent(withEntries(PublishedResult.shuffle(published.entries(), RANDOM)))).isTrue();
  }

  private PublishedResult withEntries(List<PublishedResult.Entry> list) {
    return new PublishedResult(published.pollId(), published.spec(), list, published.result(), published.algorithm(),
        published.signature());
  }

  private static int indexOf(List<PublishedResult.Entry> list, String receipt) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).receipt().equals(receipt)) {
        return i;
      }
    }
    throw new AssertionError("no entry " + receipt);
  }
}
