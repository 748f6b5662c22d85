package org.plenum.server.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.server.testing.StoreDb.await;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.auth.AccountId;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.testing.StoreDb;

/** The contracts of {@link MeetingStore} and {@link ParticipantStore}, on real PostgreSQL. */
class MeetingStoreContractIT {
  static StoreDb pg;
  static MeetingStore meetings;
  static ParticipantStore participants;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    meetings = new PgMeetingStore(pg.db());
    participants = new PgParticipantStore();
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static PlenumException failure(Runnable r) {
    try {
      r.run();
    } catch (PlenumException e) {
      return e;
    }
    throw new AssertionError("expected a PlenumException");
  }

  @Test
  @DisplayName("MS1: a created meeting reads back whole; its status moves and stamps opened/closed; a missing one is NOT_FOUND")
  void meeting_lifecycle() {
    MeetingId id = MeetingId.random();
    OffsetDateTime starts = OffsetDateTime.parse("2026-12-04T08:00:00+07:00");
    var tx = pg.db().auto();
    await(meetings.create(tx, new Meeting(id, "Kỳ họp thứ 5", MeetingStatus.SCHEDULED, starts, "Hội trường"), null));
    Meeting m = await(meetings.get(id));
    assertThat(m.title()).isEqualTo("Kỳ họp thứ 5");
    assertThat(m.startsAt().toInstant()).isEqualTo(starts.toInstant());
    assertThat(await(meetings.status(tx, id))).isEqualTo(MeetingStatus.SCHEDULED);
    await(meetings.setStatus(tx, id, MeetingStatus.OPEN));
    assertThat(await(meetings.header(tx, id)).getString("openedAt")).isNotNull();
    await(meetings.setStatus(tx, id, MeetingStatus.CLOSED));
    var header = await(meetings.header(tx, id));
    assertThat(header.getString("status")).isEqualTo("CLOSED");
    assertThat(header.getString("closedAt")).isNotNull();
    assertThat(await(meetings.find(MeetingId.random()))).isEmpty();
    assertThat(failure(() -> await(meetings.get(MeetingId.random()))).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(() -> await(meetings.status(tx, MeetingId.random()))).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(() -> await(meetings.header(tx, MeetingId.random()))).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("A1, A2: participants, roles and weights; each account lists only its meetings, an administrator all; an unknown account is NOT_FOUND")
  void participants_and_lists() {
    MeetingId m = pg.meeting("mine");
    MeetingId other = pg.meeting("not mine");
    AccountId an = new AccountId(pg.account("an-" + UUID.randomUUID()));
    var tx = pg.db().auto();
    await(meetings.putParticipant(tx, m, an, Role.DELEGATE, true, null));
    assertThat(await(meetings.roleOf(m, an))).contains(Role.DELEGATE);
    assertThat(await(meetings.roleOf(other, an))).isEmpty();
    assertThat(await(meetings.roleIn(m, an))).as("role and meeting in one read (D48)").contains(Role.DELEGATE);
    assertThat(await(meetings.roleIn(other, an))).isEmpty();
    assertThat(failure(() -> await(meetings.roleIn(MeetingId.random(), an))).code()).isEqualTo(ErrorCode.NOT_FOUND);
    await(meetings.putParticipant(tx, m, an, Role.SECRETARY, false, new BigDecimal("2.5")));
    assertThat(await(meetings.participants(m))).singleElement().satisfies(p -> {
      assertThat(p.role()).isEqualTo(Role.SECRETARY);
      assertThat(p.votingRight()).isFalse();
    });
    assertThat(await(participants.get(tx, m, an.value())).getString("voteWeight")).isEqualTo("2.5");
    await(meetings.putParticipant(tx, m, an, Role.SECRETARY, false, null));
    assertThat(await(participants.get(tx, m, an.value())).getString("voteWeight")).as("null keeps the weight").isEqualTo("2.5");
    assertThat(await(meetings.listFor(an, false))).extracting(l -> l.meeting().id()).containsExactly(m);
    assertThat(await(meetings.listFor(an, true))).extracting(l -> l.meeting().id()).contains(m, other);
    assertThat(failure(() -> await(meetings.putParticipant(tx, m, AccountId.random(), Role.DELEGATE, true, null))).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("AG1: agenda items appended at creation read back in order")
  void agenda_items() {
    MeetingId m = pg.meeting("m");
    var tx = pg.db().auto();
    await(meetings.addAgendaItem(tx, m, "Một", 10));
    await(meetings.addAgendaItem(tx, m, "Hai", null));
    assertThat(await(meetings.agenda(m))).extracting(AgendaItem::title).containsExactly("Một", "Hai");
    assertThat(await(meetings.agenda(m))).extracting(AgendaItem::position).containsExactly(1, 2);
  }

  @Test
  @DisplayName("AT1, IV1: attendance and invitation answers are stored per participant; a non-participant is NOT_FOUND")
  void attendance_and_invitations() {
    MeetingId m = pg.meeting("m");
    UUID an = pg.account("an-" + UUID.randomUUID());
    UUID room = pg.account("room-" + UUID.randomUUID());
    pg.participant(m, an, "DELEGATE");
    pg.participant(m, room, "REMOTE_ROOM");
    var tx = pg.db().auto();
    assertThat(await(participants.get(tx, m, an)).getString("attendance")).isEqualTo("ABSENT");
    await(participants.setAttendance(tx, m, an, Attendance.REMOTE, room, room));
    var p = await(participants.get(tx, m, an));
    assertThat(p.getString("attendance")).isEqualTo("REMOTE");
    assertThat(p.getString("attendanceRoomId")).isEqualTo(room.toString());
    assertThat(p.getString("attendanceAt")).isNotNull();
    await(participants.setInvitation(tx, m, an, Invitation.DECLINED, "Đi công tác"));
    p = await(participants.get(tx, m, an));
    assertThat(p.getString("invitation")).isEqualTo("DECLINED");
    assertThat(p.getString("invitationNote")).isEqualTo("Đi công tác");
    assertThat(await(participants.all(tx, m))).hasSize(2);
    assertThat(failure(() -> await(participants.get(tx, m, UUID.randomUUID()))).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }
}
