package org.plenum.server.vote;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of a poll (rules T1–T4), made by {@link Tally#count}. {@code totals} has every option in poll order;
 * {@code validWeight} is the weight of all ballots, abstentions included; {@code presentWeight} is presence in
 * person, {@code representedWeight} absent members represented by proxy; {@code ruleName} is the
 * {@link MajorityRule} name. Decimals are normalised, so a recount equals the original.
 */
public record PollResult(Map<String, BigDecimal> totals, BigDecimal validWeight, int ballots, BigDecimal membersWeight,
                         BigDecimal presentWeight, BigDecimal representedWeight, Outcome outcome, String ruleName,
                         String explanation) {
  public PollResult {
    Map<String, BigDecimal> copy = new LinkedHashMap<>();
    totals.forEach((id, w) -> copy.put(id, Decimals.normal(w)));
    totals = Collections.unmodifiableMap(copy);
    validWeight = Decimals.normal(validWeight);
    membersWeight = Decimals.normal(membersWeight);
    presentWeight = Decimals.normal(presentWeight);
    representedWeight = Decimals.normal(representedWeight);
  }

  public BigDecimal total(String optionId) {
    return totals.getOrDefault(optionId, BigDecimal.ZERO);
  }

  public Turnout turnout() {
    return new Turnout(membersWeight, presentWeight, representedWeight);
  }

  public JsonObject toJson() {
    JsonObject t = new JsonObject();
    totals.forEach((id, w) -> t.put(id, Decimals.text(w)));
    return new JsonObject().put("totals", t).put("validWeight", Decimals.text(validWeight)).put("ballots", ballots)
        .put("membersWeight", Decimals.text(membersWeight)).put("presentWeight", Decimals.text(presentWeight))
        .put("representedWeight", Decimals.text(representedWeight)).put("outcome", outcome.toJson())
        .put("ruleName", ruleName).put("explanation", explanation);
  }

  /** Sorted keys, decimals as strings (T4): the text to hash into the ledger. */
  public String canonicalJson() {
    return Canonical.encode(toJson());
  }

  public byte[] canonicalBytes() {
    return canonicalJson().getBytes(StandardCharsets.UTF_8);
  }
}
