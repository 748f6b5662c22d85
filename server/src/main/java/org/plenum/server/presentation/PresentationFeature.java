package org.plenum.server.presentation;

import org.plenum.server.core.Acks;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.NoFields;
import org.plenum.server.core.Projection;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.meeting.Meetings;

/** Follow the chair (trình chiếu): the page everyone's tablet shows, moved by the chair or the presenter they name. */
public final class PresentationFeature implements Feature {
  private final PresentationService presentation;

  public PresentationFeature(Ledger ledger, Meetings meetings) {
    this.presentation = new PresentationService(ledger, new PgPresentationStore(), meetings);
  }

  record Show(String document, Integer page, Double zoom) {
    Show {
      JsonBodies.required(document, "document", 200);
      JsonBodies.requiredValue(page, "page");
      zoom = zoom == null ? 1.0 : zoom;
    }
  }

  record SetPresenter(String accountId) {}

  /** Who presents now, for other features. */
  public Presentations api() {
    return presentation;
  }

  @Override
  public String name() {
    return "presentation";
  }

  @Override
  public void register(FeatureRegistry r) {
    r.command("presentation.show", Show.class, (c, a) -> Acks.written(presentation.show(c.actor(), c.meeting(), a.document(), a.page(), a.zoom())));
    r.command("presentation.stop", NoFields.class, (c, a) -> Acks.written(presentation.stop(c.actor(), c.meeting())));
    r.command("presentation.setPresenter", SetPresenter.class, (c, a) ->
        Acks.written(presentation.setPresenter(c.actor(), c.meeting(), JsonBodies.uuid(a.accountId(), "accountId"))));
    // PR1: everyone follows the same page; nothing in it is private.
    r.events(PresentationEvent.class, Projection.whole());
    r.snapshot("presentation", (tx, m, viewer) -> presentation.current(tx, m));
  }
}
