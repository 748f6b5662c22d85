package org.plenum.server.speaker;

/** Kinds of contribution. A point of order goes ahead of everything else that waits. */
public enum SpeakerKind { SPEECH, POINT_OF_ORDER, QUESTION, REPLY }
