package org.plenum.server.vote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The members of a meeting seen by its polls, from what is stored: members with voting right (weight, presence now)
 * and the proxies registered (rules VT9–VT11 in docs/protocol.md §11).
 *
 * <ul>
 *   <li>A registered proxy is <em>active</em> while its giver is absent and its holder present; a giver who arrives
 *       votes in person, a holder who leaves carries nothing.
 *   <li>Registering a proxy checks the proxy rules (E4) as if every giver were absent and every holder present, so a
 *       set that breaks them (self, chains, a second proxy, more than the limit) is refused when it is registered,
 *       not when someone casts.
 *   <li>At close, a member who cast a ballot in person counts as present, and one whose ballot their proxy holder
 *       cast counts as represented, even if they left since: the base of the result is who took part.
 * </ul>
 */
public record RollCall(List<Voter> voters, List<Proxy> proxies, int maxProxiesPerVoter) {
  public RollCall {
    voters = List.copyOf(voters);
    proxies = List.copyOf(proxies);
  }

  /** Who may cast now: active proxies only. */
  public Eligibility now() {
    Map<UUID, Voter> byId = byId();
    List<Proxy> active = proxies.stream()
        .filter(p -> byId.containsKey(p.from()) && byId.containsKey(p.to()))
        .filter(p -> !byId.get(p.from()).isPresent() && byId.get(p.to()).isPresent())
        .toList();
    long most = active.stream().collect(Collectors.groupingBy(Proxy::to, Collectors.counting())).values().stream()
        .mapToLong(Long::longValue).max().orElse(0);
    return Eligibility.of(voters, active, (int) Math.max(maxProxiesPerVoter, most)); // a lowered limit never stops a cast
  }

  /** E4 checks for the registered set plus {@code added} (replacing the giver's earlier proxy); BAD_MESSAGE if broken. */
  public void checkRegistration(Proxy added) {
    List<Proxy> all = new ArrayList<>(proxies.stream().filter(p -> !p.from().equals(added.from())).toList());
    all.add(added);
    Set<UUID> givers = all.stream().map(Proxy::from).collect(Collectors.toSet());
    Set<UUID> holders = all.stream().map(Proxy::to).collect(Collectors.toSet());
    List<Voter> assumed = voters.stream().map(v -> new Voter(v.accountId(), v.weight(),
        givers.contains(v.accountId()) && !holders.contains(v.accountId()) ? Voter.Presence.ABSENT
            : holders.contains(v.accountId()) && !givers.contains(v.accountId()) ? Voter.Presence.HALL : v.presence())).toList();
    Eligibility.of(assumed, all, maxProxiesPerVoter);
  }

  /**
   * The turnout a closing poll is counted against: members; present = present now or cast in person; represented =
   * the rest of those whose ballot a proxy holder cast, or who have an active proxy now.
   */
  public Turnout closing(Map<UUID, UUID> castBy) {
    Map<UUID, Voter> byId = byId();
    Map<UUID, UUID> holderOf = new HashMap<>();
    proxies.forEach(p -> holderOf.put(p.from(), p.to()));
    BigDecimal members = BigDecimal.ZERO;
    BigDecimal present = BigDecimal.ZERO;
    BigDecimal represented = BigDecimal.ZERO;
    for (Voter v : voters) {
      members = members.add(v.weight());
      UUID caster = castBy.get(v.accountId());
      boolean byProxy = caster != null && !caster.equals(v.accountId()) && caster.equals(holderOf.get(v.accountId()));
      UUID holder = holderOf.get(v.accountId());
      boolean activeProxy = holder != null && byId.containsKey(holder) && byId.get(holder).isPresent();
      if (v.isPresent() || caster != null && !byProxy) {
        present = present.add(v.weight());
      } else if (byProxy || activeProxy) {
        represented = represented.add(v.weight());
      }
    }
    return new Turnout(members, present, represented);
  }

  private Map<UUID, Voter> byId() {
    Map<UUID, Voter> out = new HashMap<>();
    voters.forEach(v -> out.put(v.accountId(), v));
    return out;
  }
}
