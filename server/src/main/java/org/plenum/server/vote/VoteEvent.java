package org.plenum.server.vote;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.FeatureApi;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.core.ledger.EventCodec;

/**
 * The votes' events (docs/protocol.md §11). A poll event carries the poll as the snapshot lists it: {@code pollId},
 * {@code spec}, {@code status}, {@code ballotsCast}, {@code durationSeconds}, {@code namedVisibility} and, when it has
 * one, {@code agendaItemId}. Fields named in {@link #OMITTED_WHEN_NULL} are left out of the data when they have no
 * value (clients test for their presence); every other field is always there.
 */
@FeatureApi
public sealed interface VoteEvent extends DomainEvent {
  /** Optional fields: absent from the data, not null, when they have no value. */
  List<String> OMITTED_WHEN_NULL = List.of("agendaItemId", "closesAt", "namedVotes", "votes", "quorum");

  @Override
  default JsonObject data() {
    JsonObject data = EventCodec.encode(this);
    OMITTED_WHEN_NULL.forEach(field -> {
      if (data.containsKey(field) && data.getValue(field) == null) {
        data.remove(field);
      }
    });
    return data;
  }

  /** VT1: a poll was created (DRAFT), attached to the agenda item current at the time. */
  @EventType("poll.created")
  record PollCreated(UUID pollId, JsonObject spec, PollStatus status, int ballotsCast, Integer durationSeconds,
                     NamedVisibility namedVisibility, UUID agendaItemId) implements VoteEvent {}

  /** VT8: the poll takes ballots; {@code closesAt} when it has a time limit; the poll's quorum at opening (VT11). */
  @EventType("poll.opened")
  record PollOpened(UUID pollId, JsonObject spec, PollStatus status, int ballotsCast, Integer durationSeconds,
                    NamedVisibility namedVisibility, UUID agendaItemId, String closesAt, JsonObject quorum) implements VoteEvent {}

  /**
   * VT7, VT13: the poll is counted: its {@code result}, the hash and signature of the published list
   * ({@code published}), and for a NAMED poll who chose what ({@code namedVotes}).
   */
  @EventType("poll.closed")
  record PollClosed(UUID pollId, JsonObject spec, PollStatus status, int ballotsCast, Integer durationSeconds,
                    NamedVisibility namedVisibility, UUID agendaItemId, JsonObject result, JsonObject published,
                    JsonArray namedVotes) implements VoteEvent {}

  @EventType("poll.cancelled")
  record PollCancelled(UUID pollId, JsonObject spec, PollStatus status, int ballotsCast, Integer durationSeconds,
                       NamedVisibility namedVisibility, UUID agendaItemId) implements VoteEvent {}

  /**
   * VT5, D12: progress of a poll, counts only and no actor; a NAMED poll with LIVE visibility also says who chose
   * what ({@code votes}, VT7).
   */
  @EventType("vote.recorded")
  record Recorded(UUID pollId, int ballotsCast, String eligible, JsonArray votes) implements VoteEvent {}

  /** VT12: the audit entry of a paper ballot — who entered whose ballot, never what it says; for those who run the meeting. */
  @EventType("vote.paperEntered")
  record PaperEntered(UUID pollId, UUID voterId, UUID enteredBy) implements VoteEvent {
    @Override
    public Audience audience() {
      return Audience.RUNNERS;
    }
  }

  /** VT10: a proxy was registered or moved ({@code holderId}) or withdrawn (null); the meeting's quorum after it (VT11). */
  @EventType("proxy.changed")
  record ProxyChanged(UUID giverId, UUID holderId, JsonObject quorum) implements VoteEvent {}
}
