package org.plenum.server.vote;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.meeting.MeetingStatus;
import org.plenum.server.meeting.Meetings;

/**
 * Who may vote in a meeting now, as the other parts of the votes read it: the roll call (members with voting right,
 * their presence and proxies), the quorum view (VT11), and whether the meeting still takes votes at all.
 */
final class VoteRoll {
  private final PollStore store;
  private final Meetings meetings;
  private final int maxProxiesPerVoter;

  VoteRoll(PollStore store, Meetings meetings, int maxProxiesPerVoter) {
    this.store = store;
    this.meetings = meetings;
    this.maxProxiesPerVoter = maxProxiesPerVoter;
  }

  int maxProxiesPerVoter() {
    return maxProxiesPerVoter;
  }

  Future<RollCall> of(Tx tx, MeetingId meeting) {
    return store.voters(tx, meeting).compose(voters -> store.proxies(tx, meeting).map(proxies -> new RollCall(voters, proxies, maxProxiesPerVoter)));
  }

  /**
   * VT11: the quorum of the meeting now, shown to the chair live: weights of members, present and represented, the
   * meeting's default rule (more than half of the members) and each open poll's rule. Null when nobody has a voting
   * right.
   */
  Future<JsonObject> quorum(Tx tx, MeetingId meeting) {
    return of(tx, meeting).compose(roll -> {
      if (roll.voters().isEmpty()) {
        return Future.succeededFuture(null);
      }
      Turnout t = roll.now().turnout();
      return store.open(tx, meeting).map(open -> {
        JsonArray polls = new JsonArray();
        open.forEach(s -> polls.add(quorumJson(Quorum.check(s.poll().spec().quorum(), t)).put("pollId", s.poll().id().toString())));
        return new JsonObject().put("membersWeight", Decimals.text(t.membersWeight())).put("presentWeight", Decimals.text(t.presentWeight()))
            .put("representedWeight", Decimals.text(t.representedWeight()))
            .put("meeting", quorumJson(Quorum.check(QuorumRule.moreThanHalfOfMembers(), t))).put("polls", polls);
      });
    });
  }

  static JsonObject quorumJson(Quorum q) {
    return new JsonObject().put("rule", q.ruleName()).put("required", Decimals.text(q.required())).put("counted", Decimals.text(q.present()))
        .put("reached", q.reached());
  }

  /** A closed or archived meeting takes no polls and no proxies (CONFLICT). */
  Future<Void> requireActive(Tx tx, MeetingId meeting) {
    return meetings.status(tx, meeting).compose(s -> s == MeetingStatus.CLOSED || s == MeetingStatus.ARCHIVED
        ? Future.failedFuture(new PlenumException(ErrorCode.CONFLICT, "The meeting is " + s + "."))
        : Future.succeededFuture());
  }
}
