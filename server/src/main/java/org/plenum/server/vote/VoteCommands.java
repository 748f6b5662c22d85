package org.plenum.server.vote;

import java.util.List;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.JsonBodies;

/** The fields of the votes' socket commands (docs/protocol.md §11); each validates itself. */
final class VoteCommands {
  private VoteCommands() {}

  record PollOptionIn(String id, String label) {}

  record QuorumIn(QuorumRule.Kind kind, Integer n, QuorumRule.Proxies proxies) {
    QuorumRule rule() {
      JsonBodies.requiredValue(kind, "quorum.kind");
      return new QuorumRule(kind, n == null ? 0 : n, proxies == null ? QuorumRule.Proxies.NOT_COUNTED : proxies);
    }
  }

  /** poll.create: defaults NAMED, SIMPLE majority, quorum more than half of the members, abstentions IGNORED. */
  record PollCreate(String title, PollKind kind, Secrecy secrecy, List<PollOptionIn> options, Integer minChoices, Integer maxChoices,
                    MajorityRule rule, QuorumIn quorum, Abstentions abstentions, Integer durationSeconds, NamedVisibility namedVisibility) {
    PollCreate {
      JsonBodies.required(title, "title", PollSpec.MAX_TITLE);
      JsonBodies.requiredValue(kind, "kind");
      if (options != null && options.size() > PollSpec.MAX_OPTIONS) {
        throw PlenumException.badMessage("Field 'options' has more than " + PollSpec.MAX_OPTIONS + " entries.");
      }
    }

    PollSpec spec() {
      List<PollOption> opts;
      if (options == null && kind == PollKind.YES_NO_ABSTAIN) {
        opts = List.of(PollOption.YES, PollOption.NO, PollOption.ABSTAIN);
      } else {
        JsonBodies.requiredValue(options, "options");
        opts = options.stream().map(o -> {
          if (o == null) {
            throw PlenumException.badMessage("Field 'options' has an empty entry.");
          }
          return new PollOption(o.id(), o.label());
        }).toList();
      }
      return new PollSpec(title, kind, secrecy == null ? Secrecy.NAMED : secrecy, opts, minChoices == null ? 1 : minChoices,
          maxChoices == null ? 1 : maxChoices, rule == null ? MajorityRule.SIMPLE : rule,
          quorum == null ? QuorumRule.moreThanHalfOfMembers() : quorum.rule(), abstentions == null ? Abstentions.IGNORED : abstentions);
    }

    PollSettings settings() {
      return new PollSettings(durationSeconds, namedVisibility);
    }
  }

  record PollRef(String pollId) {
    PollRef {
      JsonBodies.required(pollId, "pollId", 64);
    }

    PollId id() {
      return PollId.parse(pollId);
    }
  }

  /** vote.cast and vote.paper; {@code voterId} is the member whose ballot this is (default: the caster). */
  record VoteCast(String pollId, String voterId, List<String> choice, String idempotencyKey) {
    VoteCast {
      JsonBodies.required(pollId, "pollId", 64);
      JsonBodies.requiredValue(choice, "choice");
      if (choice.size() > PollSpec.MAX_OPTIONS) {
        throw PlenumException.badMessage("Field 'choice' has more than " + PollSpec.MAX_OPTIONS + " entries.");
      }
    }
  }

  /** proxy.set: the absent member {@code giverId} lets the present member {@code holderId} cast their ballot. */
  record ProxySet(String giverId, String holderId) {
    ProxySet {
      JsonBodies.required(giverId, "giverId", 64);
      JsonBodies.required(holderId, "holderId", 64);
    }
  }

  record ProxyClear(String giverId) {
    ProxyClear {
      JsonBodies.required(giverId, "giverId", 64);
    }
  }
}
