package org.plenum.server.vote;

import io.vertx.core.json.JsonObject;
import org.plenum.server.core.error.PlenumException;

/**
 * How much presence a poll needs before its result counts (rules Q1–Q4). {@code n} is used only by AT_LEAST_N.
 * {@code proxies} says whether members represented by proxy count as present; by default they do not, so quorum is
 * physical presence (in the hall, on a tablet or in a remote room).
 */
public record QuorumRule(Kind kind, int n, Proxies proxies) {
  public enum Kind {
    /** 2·present &gt; members: 26 of 50. */
    MORE_THAN_HALF_OF_MEMBERS,
    /** 3·present &ge; 2·members: 20 of 30, 34 of 50. */
    TWO_THIRDS_OF_MEMBERS,
    /** present &ge; n; n = 0 means no quorum requirement. */
    AT_LEAST_N
  }

  /** Whether members represented by a proxy holder count toward the quorum. */
  public enum Proxies { NOT_COUNTED, COUNTED }

  public QuorumRule {
    if (kind == null || proxies == null) {
      throw PlenumException.badMessage("A quorum rule needs a kind and a proxy policy.");
    }
    if (kind == Kind.AT_LEAST_N ? n < 0 : n != 0) {
      throw PlenumException.badMessage("Quorum " + kind + " takes " + (kind == Kind.AT_LEAST_N ? "n >= 0" : "no n") + ", got n = " + n + ".");
    }
  }

  public static QuorumRule moreThanHalfOfMembers() {
    return new QuorumRule(Kind.MORE_THAN_HALF_OF_MEMBERS, 0, Proxies.NOT_COUNTED);
  }

  public static QuorumRule twoThirdsOfMembers() {
    return new QuorumRule(Kind.TWO_THIRDS_OF_MEMBERS, 0, Proxies.NOT_COUNTED);
  }

  public static QuorumRule atLeast(int n) {
    return new QuorumRule(Kind.AT_LEAST_N, n, Proxies.NOT_COUNTED);
  }

  public QuorumRule with(Proxies policy) {
    return new QuorumRule(kind, n, policy);
  }

  /** "MORE_THAN_HALF_OF_MEMBERS", "AT_LEAST_N(26)", with "+PROXIES" when proxies count. */
  public String ruleName() {
    String base = kind == Kind.AT_LEAST_N ? "AT_LEAST_N(" + n + ")" : kind.name();
    return proxies == Proxies.COUNTED ? base + "+PROXIES" : base;
  }

  JsonObject toJson() {
    return new JsonObject().put("kind", kind.name()).put("n", n).put("proxies", proxies.name());
  }
}
