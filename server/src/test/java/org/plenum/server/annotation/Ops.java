package org.plenum.server.annotation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Readable operations for tests: {@code Ops.note(id, A, at(10, "a-tablet"), "text")}. */
final class Ops {
  static final UUID DOC = Sim.DOCUMENT;

  private Ops() {}

  static Stamp at(long millis, String device) {
    return Stamp.of(1_800_000_000_000L + millis, 0, device);
  }

  static Placement page(int page, Shape shape) {
    return new Placement(new Anchor(DOC, 1, page), shape);
  }

  static Shape.Ink stroke(double... xy) {
    List<InkPoint> points = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < xy.length; i += 2) {
      points.add(new InkPoint(xy[i], xy[i + 1], 0.5));
    }
    return new Shape.Ink(points);
  }

  static AnnotationOp.Create ink(AnnotationId id, UUID by, Stamp stamp, Visibility visibility) {
    return new AnnotationOp.Create(id, by, stamp, page(1, stroke(100, 100, 200, 120)), Style.pen(new Rgb(0xff0000), 2),
        visibility, Optional.empty());
  }

  static AnnotationOp.Create note(AnnotationId id, UUID by, Stamp stamp, Visibility visibility, String text) {
    return new AnnotationOp.Create(id, by, stamp, page(1, new Shape.Note(new Point(300, 700))),
        Style.pen(new Rgb(0xffcc00), 1), visibility, Optional.of(text));
  }

  static AnnotationOp.Edit text(AnnotationId id, UUID by, Stamp stamp, String text, Stamp... replaces) {
    return new AnnotationOp.Edit(id, by, stamp, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new AnnotationOp.NoteEdit(text, Set.of(replaces))));
  }

  static AnnotationOp.Edit recolour(AnnotationId id, UUID by, Stamp stamp, int rgb) {
    return new AnnotationOp.Edit(id, by, stamp, Optional.empty(), Optional.of(Style.pen(new Rgb(rgb), 2)),
        Optional.empty(), Optional.empty());
  }

  static AnnotationOp.Edit move(AnnotationId id, UUID by, Stamp stamp, Placement placement) {
    return new AnnotationOp.Edit(id, by, stamp, Optional.of(placement), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  static AnnotationOp.Edit visibility(AnnotationId id, UUID by, Stamp stamp, Visibility visibility) {
    return new AnnotationOp.Edit(id, by, stamp, Optional.empty(), Optional.empty(), Optional.of(visibility),
        Optional.empty());
  }

  /** A replica that received {@code ops} in this order. */
  static AnnotationReplica replica(List<? extends AnnotationOp> ops) {
    AnnotationReplica r = new AnnotationReplica();
    r.applyAll(ops);
    return r;
  }
}
