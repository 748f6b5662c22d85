package org.plenum.server.vote;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How a poll ended (rules M7, M8, Q6). {@code elected} lists the winning option ids of a choice poll, best first;
 * {@code tied} the options tied at the last seat, in poll order (TIE only: never broken silently).
 */
public record Outcome(Verdict verdict, List<String> elected, List<String> tied) {
  public enum Verdict { ADOPTED, REJECTED, ELECTED, TIE, NO_QUORUM }

  public Outcome {
    elected = List.copyOf(elected);
    tied = List.copyOf(tied);
  }

  public static Outcome adopted() {
    return new Outcome(Verdict.ADOPTED, List.of(), List.of());
  }

  public static Outcome rejected() {
    return new Outcome(Verdict.REJECTED, List.of(), List.of());
  }

  public static Outcome noQuorum() {
    return new Outcome(Verdict.NO_QUORUM, List.of(), List.of());
  }

  public static Outcome elected(List<String> optionIds) {
    return new Outcome(Verdict.ELECTED, optionIds, List.of());
  }

  /** Some seats filled ({@code elected}), the rest undecided between {@code tied}. */
  public static Outcome tie(List<String> elected, List<String> tied) {
    return new Outcome(Verdict.TIE, elected, tied);
  }

  JsonObject toJson() {
    return new JsonObject().put("verdict", verdict.name()).put("elected", new JsonArray(List.copyOf(elected)))
        .put("tied", new JsonArray(List.copyOf(tied)));
  }
}
