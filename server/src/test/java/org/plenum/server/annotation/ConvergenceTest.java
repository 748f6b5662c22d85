package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The property of D19 / draft rule AN3, checked on thousands of generated cases: operations made by three devices
 * (two of one delegate, one of the chair), each offline most of the time, delivered to four replicas in random
 * orders with random duplicates, end in byte-equal canonical states — and nothing is lost on the way.
 *
 * <p>{@code -Dannotation.cases=N} runs more cases; {@code -Dannotation.seed=S} another series. A failing case is
 * reported with its seed and shrunk to the fewest operations that still fail.
 */
class ConvergenceTest {
  private static final int CASES = Integer.getInteger("annotation.cases", 3000);
  private static final long SEED = Long.getLong("annotation.seed", 20_270_311L);
  private static final int REPLICAS = 4;

  @Test
  @DisplayName("AN3: random operations of 3 devices, delivered in any order with duplicates, give byte-equal states "
      + "on every replica (3000 cases)")
  void replicas_converge() {
    SplittableRandom series = new SplittableRandom(SEED);
    int ops = 0;
    for (int n = 0; n < CASES; n++) {
      long seed = series.nextLong();
      List<AnnotationOp> made = Sim.run(seed);
      ops += made.size();
      Optional<String> problem = problem(made, seed);
      if (problem.isPresent()) {
        List<AnnotationOp> smallest = shrink(made, seed);
        fail("case " + n + " (seed " + seed + "): " + problem.get() + "\nshrunk to " + smallest.size()
            + " operations:\n" + smallest.stream().map(op -> AnnotationJson.write(op).toString())
            .collect(Collectors.joining("\n")) + "\n" + problem(smallest, seed).orElse(""));
      }
    }
    assertThat(ops).as("operations generated").isGreaterThan(CASES * 10);
  }

  /** What is wrong with delivering {@code ops} to several replicas, or empty when nothing is. */
  static Optional<String> problem(List<AnnotationOp> ops, long seed) {
    AnnotationReplica reference = new AnnotationReplica();
    reference.applyAll(ops);
    String expected = reference.canonical();
    SplittableRandom delivery = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int r = 0; r < REPLICAS; r++) {
      AnnotationReplica replica = new AnnotationReplica();
      replica.applyAll(Sim.delivery(ops, delivery));
      String got = replica.canonical();
      if (!got.equals(expected)) {
        return Optional.of("replica " + r + " differs\n in order: " + expected + "\n shuffled: " + got);
      }
      if (!replica.annotations().equals(reference.annotations())) {
        return Optional.of("replica " + r + ": equal encodings but different annotations");
      }
    }
    return nothingLost(ops, reference);
  }

  /** Every annotation created and never erased is there, and every note text nobody replaced is one of its texts. */
  private static Optional<String> nothingLost(List<AnnotationOp> ops, AnnotationReplica replica) {
    Set<AnnotationId> erased = new HashSet<>();
    Set<Stamp> replaced = new HashSet<>();
    for (AnnotationOp op : ops) {
      if (op instanceof AnnotationOp.Erase) {
        erased.add(op.id());
      } else if (op instanceof AnnotationOp.Edit e) {
        e.text().ifPresent(t -> replaced.addAll(t.replaces()));
      }
    }
    for (AnnotationOp op : ops) {
      if (erased.contains(op.id())) {
        continue;
      }
      Optional<Annotation> a = replica.find(op.id()).flatMap(AnnotationState::view);
      if (op instanceof AnnotationOp.Create && a.isEmpty()) {
        return Optional.of("annotation " + op.id() + " was created, never erased, and is missing");
      }
      Optional<String> text = op instanceof AnnotationOp.Create c ? c.text()
          : op instanceof AnnotationOp.Edit e ? e.text().map(AnnotationOp.NoteEdit::text) : Optional.empty();
      boolean kept = a.map(x -> x.noteTexts().contains(new NoteVersion(op.stamp(), text.orElse(null)))).orElse(false);
      if (text.isPresent() && !replaced.contains(op.stamp()) && !kept
          && a.map(x -> x.kind() == AnnotationKind.NOTE).orElse(false)) {
        return Optional.of("note text '" + text.get() + "' of " + op.stamp() + " was replaced by nobody and is lost");
      }
    }
    return Optional.empty();
  }

  /** Drops operations one by one as long as the case still fails. */
  private static List<AnnotationOp> shrink(List<AnnotationOp> ops, long seed) {
    List<AnnotationOp> current = new ArrayList<>(ops);
    boolean smaller = true;
    while (smaller) {
      smaller = false;
      for (int i = current.size() - 1; i >= 0; i--) {
        List<AnnotationOp> candidate = new ArrayList<>(current);
        candidate.remove(i);
        if (problem(candidate, seed).isPresent()) {
          current = candidate;
          smaller = true;
        }
      }
    }
    return current;
  }
}
