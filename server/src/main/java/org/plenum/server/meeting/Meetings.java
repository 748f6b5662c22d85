package org.plenum.server.meeting;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.BiFunction;
import org.plenum.server.core.FeatureApi;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/** What other features may ask of a meeting: its status and its participants. */
@FeatureApi
public interface Meetings {
  /** NOT_FOUND when there is no such meeting. */
  Future<MeetingStatus> status(Tx tx, MeetingId meeting);

  /** The meeting's own fields: {@code id}, {@code title}, {@code status}, times and place. NOT_FOUND when missing. */
  Future<JsonObject> header(Tx tx, MeetingId meeting);

  /** One participant as clients see it ({@code accountId}, {@code role}, {@code attendance}, …); NOT_FOUND otherwise. */
  Future<JsonObject> participant(Tx tx, MeetingId meeting, UUID account);

  /** Every participant, by role then name. */
  Future<JsonArray> participants(Tx tx, MeetingId meeting);

  /**
   * VT11: who computes the meeting's quorum (the votes); its view rides on every participant change, so the chair
   * sees it move with each arrival, departure, role or weight change.
   */
  void watchQuorum(BiFunction<Tx, MeetingId, Future<JsonObject>> quorum);
}
