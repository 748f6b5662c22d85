package org.plenum.server.vote;

/**
 * Whether an abstention counts as a vote cast in the base of {@link MajorityRule#SIMPLE} and
 * {@link MajorityRule#TWO_THIRDS_OF_VALID} (rules M1, M4, M7). An abstention is an ABSTAIN ballot in a YES_NO_ABSTAIN
 * poll, or an empty ballot in an ELECTION with minChoices = 0. The other rules do not look at it.
 */
public enum Abstentions {
  /** Abstentions are left out of the votes cast: SIMPLE means "more YES than NO". */
  IGNORED,
  /** Abstentions are votes cast: SIMPLE means "YES more than half of all ballots", so abstaining works like NO. */
  COUNTED
}
