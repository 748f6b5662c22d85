package org.plenum.server.meeting;

/** A participant's answer to the invitation. */
public enum Invitation { PENDING, ACCEPTED, DECLINED }
