package org.plenum.server.vote;

import java.math.BigDecimal;
import java.util.UUID;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/** A poll and its lifecycle (rules V9, V10). Immutable: every transition returns a new Poll. */
public record Poll(PollId id, PollSpec spec, PollStatus status) {
  public Poll {
    if (id == null || spec == null || status == null) {
      throw PlenumException.badMessage("A poll needs an id, a spec and a status.");
    }
  }

  public static Poll draft(PollId id, PollSpec spec) {
    return new Poll(id, spec, PollStatus.DRAFT);
  }

  public Poll open() {
    if (status != PollStatus.DRAFT) {
      throw new PlenumException(ErrorCode.CONFLICT, "Poll '" + spec.title() + "' is " + status + "; only a draft can be opened.");
    }
    return new Poll(id, spec, PollStatus.OPEN);
  }

  public Poll close() {
    requireOpen();
    return new Poll(id, spec, PollStatus.CLOSED);
  }

  public Poll cancel() {
    if (status != PollStatus.DRAFT && status != PollStatus.OPEN) {
      throw new PlenumException(ErrorCode.CONFLICT, "Poll '" + spec.title() + "' is " + status + " and can no longer be cancelled.");
    }
    return new Poll(id, spec, PollStatus.CANCELLED);
  }

  /**
   * V10: the ballot {@code caster} casts for {@code voter} (themself, or a member whose proxy they hold). Checks, in
   * order: POLL_NOT_OPEN, FORBIDDEN, INVALID_BALLOT. Exactly-once is the store's job, keyed by (poll, voter) (V11).
   */
  public Ballot ballotFor(Eligibility eligibility, UUID caster, UUID voter, Choice choice) {
    requireOpen();
    BigDecimal weight = eligibility.weightFor(caster, voter);
    return new Ballot(id, voter, caster, spec.validate(choice), weight);
  }

  private void requireOpen() {
    if (status != PollStatus.OPEN) {
      throw new PlenumException(ErrorCode.POLL_NOT_OPEN, "Poll '" + spec.title() + "' is not open (" + status + ").");
    }
  }
}
