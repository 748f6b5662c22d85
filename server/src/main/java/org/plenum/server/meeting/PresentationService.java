package org.plenum.server.meeting;

import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.ledger.NewEvent;

/**
 * Follow the chair (trình chiếu). Rules: PR1 the chair — or the presenter the chair granted — shows a document,
 * page and zoom; followers' tablets move there. PR2 only the chair (or an administrator) grants or takes back the
 * presenter role, to a participant of the meeting. PR3 following or not is each tablet's own choice, reported in
 * presence; it never changes what others see.
 */
public final class PresentationService {
  public static final String CHANGED = "presentation.changed";

  private final Ledger ledger;

  public PresentationService(Ledger ledger) {
    this.ledger = ledger;
  }

  public Future<JsonObject> current(SqlClient c, MeetingId meeting) {
    return c.preparedQuery("select presenter, document, page, zoom, updated_at from presentation where meeting_id = $1")
        .execute(Tuple.of(meeting.value()))
        .map(rows -> rows.size() == 0 ? new JsonObject().put("presenterId", null).put("document", null).put("page", null).put("zoom", null)
            : toJson(rows.iterator().next()));
  }

  private static JsonObject toJson(Row r) {
    return new JsonObject().put("presenterId", r.getUUID("presenter") == null ? null : r.getUUID("presenter").toString())
        .put("document", r.getString("document")).put("page", r.getInteger("page")).put("zoom", r.getDouble("zoom"));
  }

  public Future<Ledger.Written<JsonObject>> show(Actor actor, MeetingId meeting, String document, int page, double zoom) {
    if (page < 1 || page > 100_000) {
      throw PlenumException.badMessage("Field 'page' must be from 1 to 100000.");
    }
    if (!(zoom >= 0.1 && zoom <= 10)) {
      throw PlenumException.badMessage("Field 'zoom' must be from 0.1 to 10.");
    }
    return ledger.write(meeting, actor.accountId(), (tx, head) -> current(tx, meeting).compose(now -> {
      boolean presenter = actor.accountId().toString().equals(now.getString("presenterId"));
      if (!actor.isChair() && !presenter) {
        return Future.failedFuture(PlenumException.forbidden("Only the chair or the presenter the chair named moves everyone's view."));
      }
      UUID presenterId = now.getString("presenterId") == null ? null : UUID.fromString(now.getString("presenterId"));
      return save(tx, meeting, presenterId, document, page, zoom);
    }));
  }

  public Future<Ledger.Written<JsonObject>> setPresenter(Actor actor, MeetingId meeting, UUID presenter) {
    actor.requireChair();
    return ledger.write(meeting, actor.accountId(), (tx, head) -> {
      Future<Void> check = presenter == null ? Future.succeededFuture()
          : tx.preparedQuery("select 1 from participant where meeting_id = $1 and account_id = $2").execute(Tuple.of(meeting.value(), presenter))
              .compose(rows -> rows.size() == 0 ? Future.failedFuture(PlenumException.notFound("No participant '" + presenter + "' in this meeting."))
                  : Future.succeededFuture());
      return check.compose(v -> current(tx, meeting)).compose(now -> save(tx, meeting, presenter, now.getString("document"),
          now.getInteger("page") == null ? 1 : now.getInteger("page"), now.getDouble("zoom") == null ? 1.0 : now.getDouble("zoom")));
    });
  }

  private Future<Ledger.Change<JsonObject>> save(SqlClient tx, MeetingId meeting, UUID presenter, String document, int page, double zoom) {
    return tx.preparedQuery("insert into presentation (meeting_id, presenter, document, page, zoom, updated_at) values ($1, $2, $3, $4, $5, now()) "
            + "on conflict (meeting_id) do update set presenter = excluded.presenter, document = excluded.document, page = excluded.page, "
            + "zoom = excluded.zoom, updated_at = now()")
        .execute(Tuple.of(meeting.value(), presenter, document, page, zoom))
        .map(v -> {
          JsonObject data = new JsonObject().put("presenterId", presenter == null ? null : presenter.toString()).put("document", document)
              .put("page", page).put("zoom", zoom);
          return Ledger.Change.of(data, NewEvent.toAll(CHANGED, data));
        });
  }
}
