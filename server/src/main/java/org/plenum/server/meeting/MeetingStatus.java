package org.plenum.server.meeting;

public enum MeetingStatus { SCHEDULED, OPEN, CLOSED, ARCHIVED }
