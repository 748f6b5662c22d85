package org.plenum.server.meeting;

/** Roll call: ABSENT (default), PRESENT in the hall or on a tablet, EXCUSED, REMOTE via a remote room. */
public enum Attendance { ABSENT, PRESENT, EXCUSED, REMOTE }
