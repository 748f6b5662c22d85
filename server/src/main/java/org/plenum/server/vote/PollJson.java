package org.plenum.server.vote;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The stored text of specs, choices and results: canonical JSON (rule T4), read back into the domain types. */
public final class PollJson {
  private PollJson() {}

  public static String specText(PollSpec spec) {
    return Canonical.encode(spec.toJson());
  }

  public static JsonObject specJson(PollSpec spec) {
    return spec.toJson();
  }

  public static PollSpec spec(String text) {
    JsonObject j = new JsonObject(text);
    List<PollOption> options = new ArrayList<>();
    j.getJsonArray("options").forEach(o -> options.add(new PollOption(((JsonObject) o).getString("id"), ((JsonObject) o).getString("label"))));
    JsonObject q = j.getJsonObject("quorum");
    QuorumRule quorum = new QuorumRule(QuorumRule.Kind.valueOf(q.getString("kind")), q.getInteger("n"), QuorumRule.Proxies.valueOf(q.getString("proxies")));
    return new PollSpec(j.getString("title"), PollKind.valueOf(j.getString("kind")), Secrecy.valueOf(j.getString("secrecy")), options,
        j.getInteger("minChoices"), j.getInteger("maxChoices"), MajorityRule.valueOf(j.getString("rule")), quorum,
        Abstentions.valueOf(j.getString("abstentions")));
  }

  public static String choiceText(Choice choice) {
    return choice.toJson().encode();
  }

  public static Choice choice(String text) {
    try {
      List<String> ids = new ArrayList<>();
      new JsonArray(text).forEach(o -> ids.add((String) o));
      return new Choice(ids);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalStateException("A stored choice is not a JSON array of option ids: " + text, e);
    }
  }
}
