package org.plenum.server.annotation;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.Actor;

/**
 * Who looks at annotations, as far as visibility cares: the account, whether it is the chair (who sees annotations
 * hidden by moderation) and whose presentation it follows right now (for presenter ink). The caller has already
 * established that the viewer may read the document itself.
 */
public record Viewer(UUID accountId, Standing standing, Optional<UUID> following) {
  public enum Standing {
    MEMBER, CHAIR
  }

  public Viewer {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(standing, "standing");
    Objects.requireNonNull(following, "following");
  }

  /** @param followingPresenter the presenter whose pages this viewer follows now, if any */
  public static Viewer of(Actor actor, Optional<UUID> followingPresenter) {
    return new Viewer(actor.accountId(), actor.isChair() ? Standing.CHAIR : Standing.MEMBER, followingPresenter);
  }

  public static Viewer member(UUID accountId) {
    return new Viewer(accountId, Standing.MEMBER, Optional.empty());
  }

  public boolean is(UUID account) {
    return accountId.equals(account);
  }
}
