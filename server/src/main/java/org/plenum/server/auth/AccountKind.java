package org.plenum.server.auth;

/** A person signs in for themselves; a ROOM account is a remote meeting room (điểm cầu) and its equipment. */
public enum AccountKind { PERSON, ROOM }
