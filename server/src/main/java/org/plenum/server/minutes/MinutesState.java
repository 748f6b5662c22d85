package org.plenum.server.minutes;

/** Where the minutes are (MN3–MN6): DRAFT → FINAL (approved, frozen) → SIGNED_BY_SECRETARY → SIGNED (by the chair too). */
public enum MinutesState { DRAFT, FINAL, SIGNED_BY_SECRETARY, SIGNED }
