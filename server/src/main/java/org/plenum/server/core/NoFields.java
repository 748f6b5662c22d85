package org.plenum.server.core;

/** The fields of a command that takes none (any field sent is BAD_MESSAGE). */
public record NoFields() {}
