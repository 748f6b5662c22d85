package org.plenum.server.presentation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.meeting.Meetings;

/**
 * Follow the chair (trình chiếu). Rules: PR1 the chair — or the presenter the chair granted — shows a document,
 * page and zoom; followers' tablets move there. PR2 only the chair (or an administrator) grants or takes back the
 * presenter role, to a participant of the meeting. PR3 following or not is each tablet's own choice, reported in
 * presence; it never changes what others see. PR4 the chair — or the presenter — stops presenting: nothing is shown
 * any more and following tablets stay where they are, reading freely; stopping when nothing is shown is CONFLICT.
 */
public final class PresentationService implements Presentations {
  private final Ledger ledger;
  private final PresentationStore store;
  private final Meetings meetings;

  public PresentationService(Ledger ledger, PresentationStore store, Meetings meetings) {
    this.ledger = ledger;
    this.store = store;
    this.meetings = meetings;
  }

  @Override
  public Future<java.util.Optional<UUID>> presenter(Tx tx, MeetingId meeting) {
    return store.current(tx, meeting).map(now -> java.util.Optional.ofNullable(now.presenterId()).map(UUID::fromString));
  }

  public Future<JsonObject> current(Tx tx, MeetingId meeting) {
    return store.current(tx, meeting).map(PresentationEvent.Changed::data);
  }

  public Future<Ledger.Written<JsonObject>> show(Actor actor, MeetingId meeting, String document, int page, double zoom) {
    if (page < 1 || page > 100_000) {
      throw PlenumException.badMessage("Field 'page' must be from 1 to 100000.");
    }
    if (!(zoom >= 0.1 && zoom <= 10)) {
      throw PlenumException.badMessage("Field 'zoom' must be from 0.1 to 10.");
    }
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.current(tx, meeting).compose(now -> {
      boolean presenter = actor.accountId().toString().equals(now.presenterId());
      if (!actor.isChair() && !presenter) {
        return Future.failedFuture(PlenumException.forbidden("Only the chair or the presenter the chair named moves everyone's view."));
      }
      UUID presenterId = now.presenterId() == null ? null : UUID.fromString(now.presenterId());
      return save(tx, meeting, presenterId, document, page, zoom);
    }));
  }

  public Future<Ledger.Written<JsonObject>> stop(Actor actor, MeetingId meeting) {
    return ledger.write(meeting, actor.accountId(), (tx, head) -> store.current(tx, meeting).compose(now -> {
      boolean presenter = actor.accountId().toString().equals(now.presenterId());
      if (!actor.isChair() && !presenter) {
        return Future.failedFuture(PlenumException.forbidden("Only the chair or the presenter the chair named stops presenting."));
      }
      if (now.document() == null) {
        return Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "Nothing is being presented."));
      }
      UUID presenterId = now.presenterId() == null ? null : UUID.fromString(now.presenterId());
      return save(tx, meeting, presenterId, null, null, null);
    }));
  }

  public Future<Ledger.Written<JsonObject>> setPresenter(Actor actor, MeetingId meeting, UUID presenter) {
    actor.requireChair();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> {
      Future<Void> check = presenter == null ? Future.succeededFuture() : meetings.participant(tx, meeting, presenter).mapEmpty();
      return check.compose(v -> store.current(tx, meeting)).compose(now -> save(tx, meeting, presenter, now.document(),
          now.page() == null ? 1 : now.page(), now.zoom() == null ? 1.0 : now.zoom()));
    });
  }

  private Future<Ledger.Change<JsonObject>> save(Tx tx, MeetingId meeting, UUID presenter, String document, Integer page, Double zoom) {
    return store.save(tx, meeting, presenter, document, page, zoom).map(v -> {
      var event = new PresentationEvent.Changed(presenter == null ? null : presenter.toString(), document, page, zoom);
      return Ledger.Change.of(event.data(), event);
    });
  }
}
