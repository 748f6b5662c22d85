package org.plenum.server.meeting;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.plenum.server.auth.AccountId;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Tx;

/** Meetings, their plain agenda list and their participants' roles. */
public interface MeetingStore {
  /** A meeting as one account sees it in a list: with its role there (null for an administrator who is not in it). */
  record Listed(Meeting meeting, Role role) {}

  Future<Meeting> create(Tx tx, Meeting meeting, AccountId createdBy);

  Future<Optional<Meeting>> find(MeetingId id);

  /** NOT_FOUND when missing. */
  Future<Meeting> get(MeetingId id);

  /** The meeting's own fields for snapshots: id, title, status, times and place. NOT_FOUND when missing. */
  Future<JsonObject> header(Tx tx, MeetingId meeting);

  /** NOT_FOUND when missing. */
  Future<MeetingStatus> status(Tx tx, MeetingId meeting);

  /** Sets the status, stamping {@code opened_at} / {@code closed_at} when it opens or closes. */
  Future<Void> setStatus(Tx tx, MeetingId meeting, MeetingStatus status);

  /** Meetings the account takes part in; all meetings when {@code all} (administrators). */
  Future<List<Listed>> listFor(AccountId account, boolean all);

  Future<Optional<Role>> roleOf(MeetingId meeting, AccountId account);

  /** The account's role in the meeting, empty when not a participant; NOT_FOUND when there is no such meeting (one read, D48). */
  Future<Optional<Role>> roleIn(MeetingId meeting, AccountId account);

  /** Agenda items in position order (the agenda feature owns the tree). */
  Future<List<AgendaItem>> agenda(MeetingId meeting);

  /** Appends an agenda item (meeting creation and the demo). */
  Future<AgendaItem> addAgendaItem(Tx tx, MeetingId meeting, String title, Integer durationMinutes);

  /**
   * Copies the template meeting's agenda tree (titles, planned durations, nesting, internal flags; AD5) into the new,
   * empty meeting with fresh ids: how many items were copied.
   */
  Future<Integer> copyAgenda(Tx tx, MeetingId template, MeetingId target);

  Future<List<Participant>> participants(MeetingId meeting);

  /**
   * Adds the source meeting's participants (role, voting right, weight; AD6) to the target meeting: accounts already in
   * the target and disabled accounts are left out. The ids of the accounts added.
   */
  Future<List<java.util.UUID>> copyParticipants(Tx tx, MeetingId source, MeetingId target);

  /** Adds the account to the meeting or changes its role; {@code voteWeight} null keeps it (1 for a new one). NOT_FOUND for no account. */
  Future<Void> putParticipant(Tx tx, MeetingId meeting, AccountId account, Role role, boolean votingRight, BigDecimal voteWeight);
}
