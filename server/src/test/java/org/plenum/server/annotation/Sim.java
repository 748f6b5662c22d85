package org.plenum.server.annotation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A seeded simulation of devices editing annotations offline for the convergence tests: two tablets of one
 * delegate (A) and one tablet of the chair (B), each with its own replica and hybrid clock on a skewed, jittery wall
 * clock, acting only on what it has seen and now and then syncing some of the others' operations. The same seed
 * gives the same operations.
 */
final class Sim {
  static final UUID DOCUMENT = UUID.fromString("00000000-0000-4000-8000-00000000d0c1");
  static final UUID A = UUID.fromString("00000000-0000-4000-8000-0000000000aa");
  static final UUID B = UUID.fromString("00000000-0000-4000-8000-0000000000bb");
  static final Rect PAGE = new Rect(0, 0, 595, 842);
  private static final String[] WORDS = {"ngân sách", "dự toán", "đồng ý", "xem lại", "trang 3", "?", ""};

  /** One device: whose it is, its replica and clock, and how many of all operations it has seen so far. */
  static final class Device {
    final UUID account;
    final DeviceId id;
    final AnnotationReplica replica = new AnnotationReplica();
    final HlcClock clock;
    long wall;

    Device(UUID account, String id, long skew) {
      this.account = account;
      this.id = new DeviceId(id);
      this.wall = 1_800_000_000_000L + skew;
      this.clock = new HlcClock(() -> wall, Duration.ofDays(1));
    }

    Stamp stamp() {
      return new Stamp(clock.now(), id);
    }
  }

  private final SplittableRandom random;
  private final List<Device> devices = new ArrayList<>();
  private final List<AnnotationId> ids = new ArrayList<>();
  private final List<AnnotationOp> all = new ArrayList<>();

  private Sim(long seed) {
    random = new SplittableRandom(seed);
    devices.add(new Device(A, "a-tablet", random.nextInt(-40, 41)));
    devices.add(new Device(A, "a-laptop", random.nextInt(-40, 41)));
    devices.add(new Device(B, "b-tablet", random.nextInt(-40, 41)));
    for (int i = 0; i < 4; i++) {
      ids.add(new AnnotationId(new UUID(0x5EED, i)));
    }
  }

  /** The operations of one run, in the order they were made. */
  static List<AnnotationOp> run(long seed) {
    Sim sim = new Sim(seed);
    int steps = sim.random.nextInt(4, 60);
    for (int i = 0; i < steps; i++) {
      sim.step();
    }
    return sim.all;
  }

  private void step() {
    Device d = devices.get(random.nextInt(devices.size()));
    devices.forEach(x -> x.wall += random.nextInt(0, 3)); // milliseconds pass, often none: ties are common
    if (random.nextInt(4) == 0) {
      sync(d);
      return;
    }
    AnnotationId id = ids.get(random.nextInt(ids.size()));
    UUID owner = id.value().getLeastSignificantBits() < 2 ? A : B;
    Optional<AnnotationState> state = d.replica.find(id);
    AnnotationOp op;
    if (owner != d.account) {
      Optional<Annotation> seen = state.flatMap(AnnotationState::view);
      if (d.account != B || seen.isEmpty()) {
        return; // only the chair (B) acts on others' annotations, and only on what it has seen
      }
      op = new AnnotationOp.Moderate(id, B, d.stamp(), random.nextBoolean() ? Moderation.HIDDEN : Moderation.VISIBLE);
    } else if (state.flatMap(AnnotationState::findAuthor).isEmpty() || random.nextInt(12) == 0) {
      // also, rarely, a create again for an id it made (a client that lost its state): the same kind, other values
      op = create(d, id, state.flatMap(AnnotationState::view).map(a -> a.kind().ordinal()).orElse(random.nextInt(6)));
    } else if (random.nextInt(10) == 0) {
      op = new AnnotationOp.Erase(id, d.account, d.stamp());
    } else {
      op = edit(d, id, state.get());
    }
    d.replica.apply(op);
    all.add(op);
  }

  /** The device receives a random share of the operations made so far (in a random order). */
  private void sync(Device d) {
    List<AnnotationOp> some = new ArrayList<>(all);
    shuffle(some, random);
    for (AnnotationOp op : some.subList(0, random.nextInt(some.size() + 1))) {
      d.clock.receive(op.stamp().hlc());
      d.replica.apply(op);
    }
  }

  private AnnotationOp create(Device d, AnnotationId id, int kind) {
    Shape shape = shape(kind);
    Style style = new Style(new Rgb(random.nextInt(0x1000000)), 1 + random.nextInt(8),
        shape instanceof Shape.Ink && random.nextBoolean() ? Style.Tool.HIGHLIGHTER : Style.Tool.PEN);
    Optional<String> text = shape instanceof Shape.Note ? Optional.of(word()) : Optional.empty();
    return new AnnotationOp.Create(id, d.account, d.stamp(), new Placement(new Anchor(DOCUMENT, 1, 1 + random.nextInt(3)),
        shape), style, visibility(), text);
  }

  private AnnotationOp edit(Device d, AnnotationId id, AnnotationState state) {
    Stamp stamp = d.stamp();
    AnnotationKind kind = state.placement() == null ? AnnotationKind.NOTE : state.placement().value().shape().kind();
    Optional<Placement> placement = Optional.empty();
    Optional<Style> style = Optional.empty();
    Optional<Visibility> visibility = Optional.empty();
    Optional<AnnotationOp.NoteEdit> text = Optional.empty();
    switch (random.nextInt(kind == AnnotationKind.NOTE ? 4 : 3)) {
      case 0 -> placement = Optional.of(new Placement(new Anchor(DOCUMENT, 1 + random.nextInt(2), 1 + random.nextInt(3)),
          shape(kind.ordinal())));
      case 1 -> style = Optional.of(Style.pen(new Rgb(random.nextInt(0x1000000)), 1 + random.nextInt(8)));
      case 2 -> visibility = Optional.of(visibility());
      default -> text = Optional.of(new AnnotationOp.NoteEdit(word() + " " + word(), state.text().live().keySet()));
    }
    return new AnnotationOp.Edit(id, d.account, stamp, placement, style, visibility, text);
  }

  private Shape shape(int kind) {
    Point p = new Point(random.nextInt(595), random.nextInt(842));
    Point q = new Point(random.nextInt(595), random.nextInt(842));
    return switch (kind) {
      case 0 -> new Shape.Ink(List.of(new InkPoint(p.x(), p.y(), 0.5), new InkPoint(q.x(), q.y(), random.nextDouble())));
      case 1 -> new Shape.Highlight(List.of(Quad.of(new Rect(p.x(), p.y(), p.x() + 80, p.y() + 12))), word());
      case 2 -> new Shape.Note(p);
      case 3 -> new Shape.Rectangle(new Rect(p.x(), p.y(), q.x(), q.y()));
      case 4 -> new Shape.Ellipse(new Rect(p.x(), p.y(), q.x(), q.y()));
      default -> new Shape.Arrow(p, q);
    };
  }

  private Visibility visibility() {
    return switch (random.nextInt(4)) {
      case 0 -> Visibility.PRIVATE;
      case 1 -> Visibility.SHARED;
      case 2 -> Visibility.People.of(List.of(B));
      default -> Visibility.PRESENTER;
    };
  }

  private String word() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  /** Every operation at least once, some twice or three times, in a random order: what a replica may receive. */
  static List<AnnotationOp> delivery(List<AnnotationOp> ops, SplittableRandom random) {
    List<AnnotationOp> out = new ArrayList<>(ops);
    for (AnnotationOp op : ops) {
      while (random.nextInt(5) == 0) {
        out.add(op);
      }
    }
    shuffle(out, random);
    return out;
  }

  static <T> void shuffle(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
