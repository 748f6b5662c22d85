package org.plenum.server.annotation;

/** One text of a note and the stamp of the change that wrote it. */
public record NoteVersion(Stamp stamp, String text) {}
