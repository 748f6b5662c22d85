/**
 * Voting. The feature ({@link org.plenum.server.vote.VoteFeature}: commands, {@link org.plenum.server.vote.VoteEvent}s
 * and their projection, snapshot parts, routes, the services and {@link org.plenum.server.vote.PollStore}) sits on
 * the pure domain core: poll definitions, ballots, eligibility and proxies, quorum, majority rules, the tally,
 * receipts and the signed published result. The core classes use no database, no Vert.x runtime, no web code (Vert.x
 * {@code JsonObject} is used only to write canonical JSON). Errors are {@link org.plenum.server.core.error.PlenumException}s.
 *
 * <p>The numbered rules below are the specification; the tests in this package cite them in their display names.
 *
 * <h2>Poll definition (V)</h2>
 * <ul>
 *   <li>V1 A {@link org.plenum.server.vote.PollSpec} has a title (1..300 characters), a kind, a secrecy, options,
 *       minChoices/maxChoices, a majority rule, a quorum rule and an abstention policy; an invalid definition fails
 *       with BAD_MESSAGE naming the poll and the problem.
 *   <li>V2 YES_NO_ABSTAIN has exactly the options YES, NO, ABSTAIN in that order (tán thành / không tán thành /
 *       không biểu quyết; labels may be reworded), minChoices = maxChoices = 1, and a rule other than RELATIVE.
 *   <li>V3 SINGLE_CHOICE: 2..200 options, minChoices = maxChoices = 1.
 *   <li>V4 MULTIPLE_CHOICE: 2..200 options, 1 &le; minChoices &le; maxChoices &le; options.
 *   <li>V5 ELECTION: 1..200 candidates (one candidate is the usual HĐND case), 0 &le; minChoices &le; maxChoices
 *       &le; candidates, maxChoices &ge; 1; maxChoices is the number of seats (a ballot keeping more names than
 *       seats is invalid, fewer is valid, none is valid when minChoices = 0).
 *   <li>V6 Option ids are 1..64 of {@code [A-Za-z0-9_-]}, labels 1..300 characters; ids are unique exactly, labels
 *       unique ignoring case, Unicode composition and runs of white space.
 *   <li>V7 A {@link org.plenum.server.vote.Choice} is the set of option ids a ballot picks; naming an option twice
 *       is INVALID_BALLOT.
 *   <li>V8 {@code spec.validate(choice)}, in this order: "unknown option 'x'", "too many choices: at most N",
 *       "choose at least N" — all INVALID_BALLOT.
 *   <li>V9 Lifecycle DRAFT → OPEN → CLOSED, and DRAFT or OPEN → CANCELLED. Opening anything but a draft or cancelling
 *       a closed/cancelled poll is CONFLICT; closing a poll that is not open is POLL_NOT_OPEN.
 *   <li>V10 {@code poll.ballotFor(eligibility, caster, voter, choice)} checks, in order: the poll is OPEN
 *       (POLL_NOT_OPEN), the caster may vote for that voter (FORBIDDEN), the choice is valid (INVALID_BALLOT); the
 *       ballot carries the voter's weight.
 *   <li>V11 Exactly once: one ballot per (poll, voter), where voter is the member represented, not the proxy holder
 *       who cast it. A second ballot is ALREADY_VOTED; a retry with the same idempotency key returns the same
 *       receipt and stores nothing (the retry's choice is ignored: idempotency, not a change of vote). One key
 *       per ballot: reusing a key for another voter's ballot is BAD_MESSAGE.
 *   <li>V12 Who voted (voter, caster, key digest) is stored apart from what was chosen (receipt, choice, weight),
 *       with nothing that joins them: no voter column, no time, no order. Named polls also keep voter → choice;
 *       for secret polls asking for it is FORBIDDEN.
 * </ul>
 *
 * <h2>Eligibility and proxies (E)</h2>
 * <ul>
 *   <li>E1 The members are the voters given: every participant with voting right, each with a weight &gt; 0 and a
 *       presence; account ids unique; at least one member.
 *   <li>E2 HALL, TABLET and REMOTE_ROOM are present; ABSENT is not.
 *   <li>E3 A present member votes for themself; an absent member votes only through the holder of their proxy.
 *   <li>E4 A proxy (ủy quyền) goes from an absent member to a present member, both members, not to oneself; a member
 *       gives at most one proxy; no chains (a holder cannot give a proxy, a giver cannot hold one); a holder carries
 *       at most maxProxiesPerVoter (0 disables proxies). Any violation rejects the whole set with BAD_MESSAGE.
 *   <li>E5 Casting for anyone else, as a non-member or while absent is FORBIDDEN ("… is not eligible …").
 *   <li>E6 Turnout: membersWeight = Σ all weights, presentWeight = Σ present, representedWeight = Σ absent members
 *       represented by proxy; eligibleWeight = present + represented is the weight that can be cast.
 * </ul>
 *
 * <h2>Quorum (Q)</h2>
 * <ul>
 *   <li>Q1 MORE_THAN_HALF_OF_MEMBERS: 2·counted &gt; members (26 of 50 reaches, 25 of 50 does not).
 *   <li>Q2 TWO_THIRDS_OF_MEMBERS: 3·counted &ge; 2·members (20 of 30 reaches, 19 of 30 does not; 34 of 50).
 *   <li>Q3 AT_LEAST_N(n): counted &ge; n, n &ge; 0 (0 means no quorum requirement).
 *   <li>Q4 counted = presentWeight, plus representedWeight only when the rule says proxies are COUNTED. The default
 *       NOT_COUNTED means quorum is physical presence (hall, tablet, remote room).
 *   <li>Q5 required = the least weight, in the finest decimal unit of members and counted, that reaches the quorum
 *       (26 for 50 members); reached is decided exactly, never from a rounded number.
 *   <li>Q6 Without quorum the outcome is NO_QUORUM whatever the votes; totals are still reported.
 * </ul>
 *
 * <h2>Majority (M)</h2>
 * <ul>
 *   <li>M1 SIMPLE: YES &gt; 1/2 of votes cast, where votes cast = YES + NO, plus ABSTAIN when abstentions are
 *       COUNTED. With abstentions IGNORED this is "more YES than NO". Exactly half is not a majority.
 *   <li>M2 ABSOLUTE_OF_MEMBERS: YES &gt; 1/2 of membersWeight (quá bán tổng số đại biểu — HĐND resolutions).
 *   <li>M3 TWO_THIRDS_OF_PRESENT: YES &ge; 2/3 of eligibleWeight (present in person or by proxy).
 *   <li>M4 TWO_THIRDS_OF_VALID: YES &ge; 2/3 of votes cast (as in M1).
 *   <li>M5 RELATIVE: choice polls only; most votes wins, no threshold.
 *   <li>M6 Comparisons are exact BigDecimal arithmetic (2x &gt; base, 3x &ge; 2·base) and need x &gt; 0.
 *   <li>M7 Choice polls: an option passes when its total meets the rule (its total in place of YES; votes cast =
 *       weight of all ballots, minus empty ballots when abstentions are IGNORED). Passing options are ranked by
 *       total; seats = maxChoices. None passes: REJECTED. At most seats pass: ELECTED(all). More pass and the
 *       total at the last seat equals the next one: TIE(elected above the cut, tied at the cut) — never broken
 *       silently. Otherwise ELECTED(top seats).
 *   <li>M8 YES_NO_ABSTAIN polls end ADOPTED or REJECTED (or NO_QUORUM).
 * </ul>
 *
 * <h2>Tally (T)</h2>
 * <ul>
 *   <li>T1 totals has every option (zeros included); validWeight = Σ ballot weights (abstentions included);
 *       ballots = number of ballots; every sum exact, decimals normalised (no trailing zeros).
 *   <li>T2 Every counted ballot is validated against the spec (INVALID_BALLOT); weights are &gt; 0.
 *   <li>T3 explanation is one line, Vietnamese then English.
 *   <li>T4 Canonical JSON: keys sorted at every level, decimals as plain strings ("0.5"), UTF-8.
 * </ul>
 *
 * <h2>Receipts (R)</h2>
 * <ul>
 *   <li>R1 A receipt is 128 bits in Crockford base32, big-endian: 26 characters (the first 0–7) in groups of 4,
 *       {@code XXXX-XXXX-…-XX}.
 *   <li>R2 Typed receipts are normalised: case-insensitive, hyphens and spaces ignored, I/L read as 1, O as 0.
 *   <li>R3 fromIdempotencyKey(poll, key) = first 128 bits of HMAC-SHA256(key, "plenum/vote/receipt/v1\n" + poll):
 *       the same key in the same poll gives the same receipt; another poll gives another receipt.
 *   <li>R4 keyDigest(poll, key) = hex HMAC-SHA256(key, "plenum/vote/retry/v1\n" + poll), kept with the voter row;
 *       neither value can be computed from the other without the key.
 *   <li>R5 An idempotency key is 16..256 printable ASCII characters; clients send 128 random bits (a UUIDv4 will do).
 *   <li>R6 unit(poll, receipt, i) = first 128 bits of HMAC-SHA256(receipt, "plenum/vote/unit/v1\n" + poll + "\n" + i):
 *       the receipts of the unit entries of a weighted secret ballot (D24), found only from the voter's receipt.
 * </ul>
 *
 * <h2>Published result and audit (A)</h2>
 * <ul>
 *   <li>A1 publish shuffles the entries (receipt, choice, weight) with the given SecureRandom, refuses duplicate
 *       receipts and a result that is not the recount of its entries, and signs the canonical bytes with Ed25519 or
 *       ECDSA P-256 (SHA256withECDSA), chosen by the key.
 *   <li>A2 The canonical bytes are the UTF-8 canonical JSON of format, poll id, spec, entries, result and algorithm
 *       (everything but the signature).
 *   <li>A3 verifyReceipt is true iff exactly one entry has that receipt and its choice is the one expected.
 *   <li>A4 recount(published) tallies the entries under the published spec and turnout; it equals the published
 *       result unless something was changed.
 *   <li>A5 verifySignature is false after any change to a signed field, or with another key.
 * </ul>
 */
package org.plenum.server.vote;
