package org.plenum.server.annotation;

/** Whether the chair has hidden a shared annotation from others (an audited change; the author still sees it). */
public enum Moderation {
  VISIBLE, HIDDEN
}
