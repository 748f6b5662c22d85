package org.plenum.server.vote;

/**
 * When everyone sees who chose what in a NAMED poll (VT7): LIVE with each ballot (roll call on the wall), or
 * AFTER_CLOSE in the closing event. Secret polls never show it.
 */
public enum NamedVisibility {
  LIVE, AFTER_CLOSE
}
