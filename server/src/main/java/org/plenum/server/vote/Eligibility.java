package org.plenum.server.vote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

/**
 * Who may cast which ballots in one poll (rules E1–E6), computed once from the members with voting right, their
 * presence and the proxies registered. Immutable; take it when the poll opens.
 *
 * <p>Proxy rules (E4), each violation rejecting the whole set with BAD_MESSAGE: both ends are members; nobody holds
 * their own proxy; a member gives at most one proxy; no chains (a holder cannot give, a giver cannot hold); the giver
 * is absent (a present member votes in person); the holder is present; a holder carries at most
 * {@code maxProxiesPerVoter} (0 disables proxies).
 */
public final class Eligibility {
  private final Map<UUID, Voter> members;
  private final Map<UUID, UUID> holderOf;
  private final Map<UUID, List<UUID>> carried;
  private final Turnout turnout;

  private Eligibility(Map<UUID, Voter> members, Map<UUID, UUID> holderOf, Map<UUID, List<UUID>> carried) {
    this.members = members;
    this.holderOf = holderOf;
    this.carried = carried;
    BigDecimal all = BigDecimal.ZERO;
    BigDecimal present = BigDecimal.ZERO;
    BigDecimal represented = BigDecimal.ZERO;
    for (Voter v : members.values()) {
      all = all.add(v.weight());
      if (v.isPresent()) {
        present = present.add(v.weight());
      } else if (holderOf.containsKey(v.accountId())) {
        represented = represented.add(v.weight());
      }
    }
    this.turnout = new Turnout(all, present, represented);
  }

  public static Eligibility of(List<Voter> voters, List<Proxy> proxies, int maxProxiesPerVoter) {
    if (voters == null || proxies == null || voters.stream().anyMatch(Objects::isNull) || proxies.stream().anyMatch(Objects::isNull)) {
      throw PlenumException.badMessage("Eligibility needs a list of voters and a list of proxies.");
    }
    if (maxProxiesPerVoter < 0) {
      throw PlenumException.badMessage("maxProxiesPerVoter must be >= 0, got " + maxProxiesPerVoter + ".");
    }
    if (voters.isEmpty()) {
      throw PlenumException.badMessage("A poll needs at least one member with voting right.");
    }
    Map<UUID, Voter> members = new LinkedHashMap<>();
    for (Voter v : voters) {
      if (members.putIfAbsent(v.accountId(), v) != null) {
        throw PlenumException.badMessage("Voter " + v.accountId() + " is listed twice.");
      }
    }
    Map<UUID, UUID> holderOf = new LinkedHashMap<>();
    Map<UUID, List<UUID>> carried = new LinkedHashMap<>();
    if (maxProxiesPerVoter == 0 && !proxies.isEmpty()) {
      throw bad("proxies are disabled in this meeting (maxProxiesPerVoter = 0)");
    }
    for (Proxy p : proxies) {
      check(p, members);
      if (holderOf.putIfAbsent(p.from(), p.to()) != null) {
        throw bad("member " + p.from() + " gives more than one proxy");
      }
      carried.computeIfAbsent(p.to(), k -> new ArrayList<>()).add(p.from());
    }
    for (UUID holder : carried.keySet()) {
      if (holderOf.containsKey(holder)) {
        throw bad("proxy chains are not allowed: " + holder + " holds a proxy and gives one to " + holderOf.get(holder));
      }
    }
    for (UUID giver : holderOf.keySet()) {
      if (members.get(giver).isPresent()) {
        throw bad(giver + " is present and votes in person; a present member cannot give a proxy");
      }
    }
    for (Map.Entry<UUID, List<UUID>> e : carried.entrySet()) {
      UUID holder = e.getKey();
      if (!members.get(holder).isPresent()) {
        throw bad("proxy holder " + holder + " is absent");
      }
      if (e.getValue().size() > maxProxiesPerVoter) {
        throw bad(holder + " carries " + e.getValue().size() + " proxies; at most " + maxProxiesPerVoter + " allowed");
      }
      e.setValue(List.copyOf(e.getValue()));
    }
    return new Eligibility(Collections.unmodifiableMap(members), Map.copyOf(holderOf), Map.copyOf(carried));
  }

  /** The voters whose ballots {@code caster} casts: themself first, then those they represent. FORBIDDEN if none. */
  public List<UUID> principalsFor(UUID caster) {
    Voter self = presentMember(caster);
    List<UUID> out = new ArrayList<>();
    out.add(self.accountId());
    out.addAll(carried.getOrDefault(caster, List.of()));
    return List.copyOf(out);
  }

  /** The weight of {@code voter}'s ballot when {@code caster} casts it; FORBIDDEN unless caster is voter or holds their proxy. */
  public BigDecimal weightFor(UUID caster, UUID voter) {
    presentMember(caster);
    if (caster.equals(voter)) {
      return members.get(caster).weight();
    }
    if (voter == null || !caster.equals(holderOf.get(voter))) {
      throw PlenumException.forbidden("Account " + caster + " is not eligible to vote for " + voter + ": holds no proxy from them.");
    }
    return members.get(voter).weight();
  }

  /** Who holds {@code voter}'s proxy, if anyone. */
  public Optional<UUID> findProxyHolder(UUID voter) {
    return Optional.ofNullable(holderOf.get(voter));
  }

  public List<Voter> members() {
    return List.copyOf(members.values());
  }

  public Turnout turnout() {
    return turnout;
  }

  /** Present in person or by proxy (E6). */
  public BigDecimal eligibleWeight() {
    return turnout.eligibleWeight();
  }

  private Voter presentMember(UUID caster) {
    Voter v = caster == null ? null : members.get(caster);
    if (v == null) {
      throw PlenumException.forbidden("Account " + caster + " is not eligible to vote: not a member with voting right.");
    }
    if (!v.isPresent()) {
      throw PlenumException.forbidden("Account " + caster + " is not eligible to vote: absent"
          + (holderOf.containsKey(caster) ? "; their proxy holder votes for them." : "."));
    }
    return v;
  }

  private static void check(Proxy p, Map<UUID, Voter> members) {
    if (p.from().equals(p.to())) {
      throw bad("member " + p.from() + " cannot hold their own proxy");
    }
    if (!members.containsKey(p.from())) {
      throw bad("proxy giver " + p.from() + " is not a member with voting right");
    }
    if (!members.containsKey(p.to())) {
      throw bad("proxy holder " + p.to() + " is not a member with voting right");
    }
  }

  private static PlenumException bad(String what) {
    return PlenumException.badMessage("Invalid proxies: " + what + ".");
  }
}
