package org.plenum.server.core;

/** A participant's role in one meeting (see docs/GLOSSARY words: chủ trì, thư ký, đại biểu, khách mời, điểm cầu). */
public enum Role {
  CHAIR, SECRETARY, DELEGATE, OBSERVER, REMOTE_ROOM;

  /** Chair and secretary run the meeting: agenda, participants, documents. */
  public boolean runsMeeting() {
    return this == CHAIR || this == SECRETARY;
  }
}
