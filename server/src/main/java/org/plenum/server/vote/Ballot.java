package org.plenum.server.vote;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A valid ballot ready to store (made by {@link Poll#ballotFor}): {@code voter} is the member whose vote it is, the
 * key of exactly-once (V11); {@code castBy} is who pressed the button (the voter, or the holder of their proxy).
 * A store splits it: (poll, voter, castBy, key digest) says who voted; (poll, receipt, choice, weight) what was
 * chosen (V12).
 */
public record Ballot(PollId pollId, UUID voter, UUID castBy, Choice choice, BigDecimal weight) {
  public CountedBallot counted() {
    return new CountedBallot(choice, weight);
  }
}
