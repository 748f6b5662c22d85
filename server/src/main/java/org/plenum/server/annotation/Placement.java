package org.plenum.server.annotation;

import java.util.Objects;

/**
 * Page and shape together: one field for merging, so that a change made on one version of a document never ends up
 * with the coordinates of another (moving to a new version rewrites both at once).
 */
public record Placement(Anchor anchor, Shape shape) {
  public Placement {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(shape, "shape");
  }
}
