package org.plenum.server.annotation;

import java.util.Objects;
import java.util.UUID;

/** The page an annotation is on: a meeting document, one of its versions (from 1) and a page of it (from 1). */
public record Anchor(UUID documentId, int version, int page) {
  public Anchor {
    Objects.requireNonNull(documentId, "documentId");
  }

  public Anchor onPage(int version, int page) {
    return new Anchor(documentId, version, page);
  }
}
