package org.plenum.server.vote;

/** What a ballot chooses (rules V2–V5). */
public enum PollKind {
  /** Tán thành / không tán thành / không biểu quyết: exactly one of YES, NO, ABSTAIN. */
  YES_NO_ABSTAIN,
  /** Exactly one of 2..200 options; one winner. */
  SINGLE_CHOICE,
  /** Between minChoices and maxChoices of 2..200 options; the top maxChoices win. */
  MULTIPLE_CHOICE,
  /** Bầu cử: keep up to maxChoices (the seats) of 1..200 candidates. */
  ELECTION
}
