package org.plenum.server.vote;

/** Rule V9: DRAFT → OPEN → CLOSED, and DRAFT or OPEN → CANCELLED. Only an OPEN poll takes ballots. */
public enum PollStatus { DRAFT, OPEN, CLOSED, CANCELLED }
