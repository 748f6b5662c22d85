package org.plenum.server.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.LiveMeetingFixture.acked;
import static org.plenum.server.testing.LiveMeetingFixture.dataOf;
import static org.plenum.server.testing.LiveMeetingFixture.eventAt;
import static org.plenum.server.testing.LiveMeetingFixture.rejected;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.LiveMeetingFixture;

/** Roll call, invitations and the meeting's status over real meeting sockets (docs/protocol.md AT1–AT4, IV1, MS1). */
class AttendanceIT {
  static LiveMeetingFixture fx;

  @BeforeAll
  static void start() {
    fx = LiveMeetingFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  JsonObject set(String user, String status) {
    return new JsonObject().put("accountId", fx.id(user)).put("status", status);
  }

  JsonObject remote(String user, String room) {
    return set(user, "REMOTE").put("roomId", room == null ? null : fx.id(room));
  }

  /** The participant in the participant.changed event the acked command produced, as this client got it. */
  static JsonObject participant(LiveClient client, JsonObject reply) {
    JsonObject data = dataOf(client, reply);
    return data.getJsonObject("participant");
  }

  @Test
  @DisplayName("AT1: a delegate checks themselves in, out or excused; setting someone else's attendance is FORBIDDEN")
  void self_check_in() {
    String m = fx.newMeeting();
    try (LiveClient d1 = fx.client(m, "delegate1"); LiveClient d2 = fx.client(m, "delegate2"); LiveClient chair = fx.client(m, "chair")) {
      JsonObject reply = d1.command("attendance.set", set("delegate1", "PRESENT"));
      JsonObject seen = eventAt(d2, acked(reply));
      assertThat(seen.getString("type")).isEqualTo("participant.changed");
      assertThat(seen.getJsonObject("data").getString("reason")).isEqualTo("attendance");
      JsonObject p = seen.getJsonObject("data").getJsonObject("participant");
      assertThat(p.getString("accountId")).isEqualTo(fx.id("delegate1"));
      assertThat(p.getString("attendance")).isEqualTo("PRESENT");
      assertThat(p.getString("attendanceAt")).isNotNull();
      assertThat(participant(chair, reply).getString("attendance")).isEqualTo("PRESENT");

      rejected(d1.command("attendance.set", set("delegate2", "PRESENT")), "FORBIDDEN");
      rejected(d1.command("attendance.set", set("delegate2", "ABSENT")), "FORBIDDEN");
      assertThat(participant(d2, d1.command("attendance.set", set("delegate1", "EXCUSED"))).getString("attendance")).isEqualTo("EXCUSED");
      assertThat(participant(d2, d1.command("attendance.set", set("delegate1", "ABSENT"))).getString("attendance")).isEqualTo("ABSENT");
      // Only a room (or the people running the meeting) checks someone in as REMOTE.
      rejected(d1.command("attendance.set", remote("delegate1", "room1")), "FORBIDDEN");
      assertThat(snapshotParticipant(m, "delegate2", "delegate2").getString("attendance")).isEqualTo("ABSENT");
    }
  }

  @Test
  @DisplayName("AT2: the secretary and the chair set anyone's attendance, including EXCUSED and REMOTE via a room")
  void secretary_sets_anyone() {
    String m = fx.newMeeting();
    try (LiveClient secretary = fx.client(m, "secretary"); LiveClient chair = fx.client(m, "chair"); LiveClient d1 = fx.client(m, "delegate1")) {
      assertThat(participant(d1, secretary.command("attendance.set", set("delegate3", "EXCUSED"))).getString("attendance")).isEqualTo("EXCUSED");
      assertThat(participant(d1, secretary.command("attendance.set", set("delegate1", "PRESENT"))).getString("attendance")).isEqualTo("PRESENT");
      JsonObject viaRoom = participant(d1, secretary.command("attendance.set", remote("delegate4", "room2")));
      assertThat(viaRoom.getString("attendance")).isEqualTo("REMOTE");
      assertThat(viaRoom.getString("attendanceRoomId")).isEqualTo(fx.id("room2"));
      assertThat(participant(d1, chair.command("attendance.set", set("delegate4", "PRESENT"))).getValue("attendanceRoomId")).isNull();
      assertThat(participant(d1, chair.command("attendance.set", set("room3", "PRESENT"))).getString("attendance")).isEqualTo("PRESENT");
      // Over REST too, with the same rules.
      Api.Response r = fx.api().put("/api/meetings/" + m + "/attendance/" + fx.id("delegate5"), new JsonObject().put("status", "EXCUSED"),
          fx.token("secretary"));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(eventAt(d1, r.json().getLong("seq")).getJsonObject("data").getJsonObject("participant").getString("attendance")).isEqualTo("EXCUSED");
      Api.Response denied = fx.api().put("/api/meetings/" + m + "/attendance/" + fx.id("delegate5"), new JsonObject().put("status", "PRESENT"),
          fx.token("delegate1"));
      assertThat(denied.status()).isEqualTo(403);
      assertThat(snapshotParticipant(m, "delegate5", "chair").getString("attendance")).isEqualTo("EXCUSED");
    }
  }

  @Test
  @DisplayName("AT3: a remote room checks people in as REMOTE via itself; another room's id is FORBIDDEN; REMOTE needs a roomId naming a room (BAD_MESSAGE)")
  void rooms_check_people_in() {
    String m = fx.newMeeting();
    try (LiveClient room1 = fx.client(m, "room1"); LiveClient chair = fx.client(m, "chair"); LiveClient d4 = fx.client(m, "delegate4");
         LiveClient secretary = fx.client(m, "secretary")) {
      JsonObject reply = room1.command("attendance.set", remote("delegate4", "room1"));
      JsonObject p = participant(chair, reply);
      assertThat(p.getString("accountId")).isEqualTo(fx.id("delegate4"));
      assertThat(p.getString("attendance")).isEqualTo("REMOTE");
      assertThat(p.getString("attendanceRoomId")).isEqualTo(fx.id("room1"));
      assertThat(eventAt(d4, reply.getLong("seq")).getJsonObject("data").getJsonObject("participant").getString("attendance")).isEqualTo("REMOTE");

      rejected(room1.command("attendance.set", remote("delegate5", "room2")), "FORBIDDEN");
      rejected(room1.command("attendance.set", set("delegate5", "PRESENT")), "FORBIDDEN");
      rejected(room1.command("attendance.set", remote("delegate5", null)), "BAD_MESSAGE");
      rejected(secretary.command("attendance.set", remote("delegate5", null)), "BAD_MESSAGE");
      rejected(secretary.command("attendance.set", remote("delegate5", "delegate6")), "BAD_MESSAGE");
      rejected(secretary.command("attendance.set", remote("delegate5", "chair")), "BAD_MESSAGE");
      rejected(secretary.command("attendance.set", set("delegate5", "PRESENT").put("roomId", fx.id("room1"))), "BAD_MESSAGE");
      rejected(room1.command("attendance.set", remote("delegate5", "room1").put("roomId", "not-an-id")), "BAD_MESSAGE");
      assertThat(snapshotParticipant(m, "delegate5", "chair").getString("attendance")).isEqualTo("ABSENT");

      // The room may undo its own check-in; the delegate may check out by themselves.
      assertThat(participant(chair, room1.command("attendance.set", set("delegate4", "ABSENT"))).getString("attendance")).isEqualTo("ABSENT");
      acked(room1.command("attendance.set", remote("delegate4", "room1")));
      assertThat(participant(chair, d4.command("attendance.set", set("delegate4", "PRESENT"))).getValue("attendanceRoomId")).isNull();
      rejected(room1.command("attendance.set", set("delegate4", "ABSENT")), "FORBIDDEN");
    }
  }

  @Test
  @DisplayName("AT4, MS1: a closed or archived meeting takes no attendance changes (CONFLICT), from anyone")
  void closed_meeting_takes_no_attendance() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient secretary = fx.client(m, "secretary"); LiveClient d1 = fx.client(m, "delegate1");
         LiveClient room1 = fx.client(m, "room1")) {
      acked(chair.command("meeting.open", null));
      acked(d1.command("attendance.set", set("delegate1", "PRESENT")));
      acked(chair.command("meeting.close", null));
      rejected(d1.command("attendance.set", set("delegate1", "ABSENT")), "CONFLICT");
      rejected(secretary.command("attendance.set", set("delegate2", "EXCUSED")), "CONFLICT");
      rejected(room1.command("attendance.set", remote("delegate3", "room1")), "CONFLICT");
      acked(chair.command("meeting.archive", null));
      rejected(chair.command("attendance.set", set("delegate1", "ABSENT")), "CONFLICT");
      Api.Response r = fx.api().put("/api/meetings/" + m + "/attendance/" + fx.id("delegate1"), new JsonObject().put("status", "ABSENT"),
          fx.token("secretary"));
      assertThat(r.status()).as(r.toString()).isEqualTo(409);
      assertThat(r.code()).isEqualTo("CONFLICT");
      assertThat(snapshotParticipant(m, "delegate1", "chair").getString("attendance")).isEqualTo("PRESENT");
    }
  }

  @Test
  @DisplayName("IV1: a delegate declines with a note; the delegate and the chair see the note, another delegate sees the answer with invitationNote null")
  void invitation_note_is_private() {
    String m = fx.newMeeting();
    try (LiveClient d1 = fx.client(m, "delegate1"); LiveClient chair = fx.client(m, "chair"); LiveClient d2 = fx.client(m, "delegate2");
         LiveClient room1 = fx.client(m, "room1")) {
      String note = "Đi công tác Đà Nẵng / away on a mission";
      JsonObject reply = d1.command("invitation.respond", new JsonObject().put("response", "DECLINED").put("note", note));
      long seq = acked(reply);
      for (LiveClient insider : new LiveClient[] {d1, chair}) {
        JsonObject data = eventAt(insider, seq).getJsonObject("data");
        assertThat(data.getString("reason")).isEqualTo("invitation");
        assertThat(data.getJsonObject("participant").getString("invitation")).isEqualTo("DECLINED");
        assertThat(data.getJsonObject("participant").getString("invitationNote")).isEqualTo(note);
      }
      for (LiveClient outsider : new LiveClient[] {d2, room1}) {
        JsonObject frame = eventAt(outsider, seq);
        JsonObject p = frame.getJsonObject("data").getJsonObject("participant");
        assertThat(p.getString("accountId")).isEqualTo(fx.id("delegate1"));
        assertThat(p.getString("invitation")).isEqualTo("DECLINED");
        assertThat(p.containsKey("invitationNote")).isTrue();
        assertThat(p.getValue("invitationNote")).isNull();
        assertThat(frame.encode()).doesNotContain("công tác");
      }
      // Snapshots, replays and the ledger show it the same way.
      assertThat(snapshotParticipant(m, "delegate1", "delegate2").getValue("invitationNote")).isNull();
      assertThat(snapshotParticipant(m, "delegate1", "delegate1").getString("invitationNote")).isEqualTo(note);
      assertThat(snapshotParticipant(m, "delegate1", "secretary").getString("invitationNote")).isEqualTo(note);
      assertThat(fx.api().get("/api/meetings/" + m + "/ledger", fx.token("delegate3")).text()).doesNotContain("công tác");
      try (LiveClient d3 = new LiveClient(fx.api(), fx.server().port(), m, fx.token("delegate3"))) {
        d3.open();
        acked(d3.resume(0L));
        assertThat(eventAt(d3, seq).encode()).doesNotContain("công tác");
      }
      rejected(d1.command("invitation.respond", new JsonObject().put("response", "PENDING")), "BAD_MESSAGE");
      JsonObject accepted = participant(d2, d1.command("invitation.respond", new JsonObject().put("response", "ACCEPTED")));
      assertThat(accepted.getString("invitation")).isEqualTo("ACCEPTED");
    }
  }

  @Test
  @DisplayName("MS1: only the chair opens, closes and archives, in order (else CONFLICT); everyone gets meeting.statusChanged")
  void status_transitions() {
    String m = fx.newMeeting();
    try (LiveClient chair = fx.client(m, "chair"); LiveClient secretary = fx.client(m, "secretary"); LiveClient d1 = fx.client(m, "delegate1");
         LiveClient observer = fx.client(m, "observer"); LiveClient room1 = fx.client(m, "room1")) {
      rejected(d1.command("meeting.open", null), "FORBIDDEN");
      rejected(secretary.command("meeting.open", null), "FORBIDDEN");
      rejected(observer.command("meeting.open", null), "FORBIDDEN");
      rejected(chair.command("meeting.close", null), "CONFLICT");
      rejected(chair.command("meeting.archive", null), "CONFLICT");

      long opened = acked(chair.command("meeting.open", null));
      for (LiveClient c : new LiveClient[] {chair, secretary, d1, observer, room1}) {
        JsonObject e = eventAt(c, opened);
        assertThat(e.getString("type")).isEqualTo("meeting.statusChanged");
        assertThat(e.getJsonObject("data").getString("status")).isEqualTo("OPEN");
        assertThat(e.getJsonObject("data").getString("previous")).isEqualTo("SCHEDULED");
      }
      rejected(chair.command("meeting.open", null), "CONFLICT");
      rejected(d1.command("meeting.close", null), "FORBIDDEN");
      assertThat(eventAt(observer, acked(chair.command("meeting.close", null))).getJsonObject("data").getString("status")).isEqualTo("CLOSED");
      rejected(chair.command("meeting.open", null), "CONFLICT");
      rejected(secretary.command("meeting.archive", null), "FORBIDDEN");
      long archivedAt = acked(chair.command("meeting.archive", null));
      JsonObject archived = eventAt(d1, archivedAt).getJsonObject("data");
      assertThat(archived.getString("status")).isEqualTo("ARCHIVED");
      assertThat(archived.getString("previous")).isEqualTo("CLOSED");
      assertThat(eventAt(room1, archivedAt).getJsonObject("data").getString("status")).isEqualTo("ARCHIVED");
      rejected(chair.command("meeting.archive", null), "CONFLICT");
      rejected(chair.command("meeting.open", null), "CONFLICT");

      JsonObject snapshot = fx.api().get("/api/meetings/" + m + "/snapshot", fx.token("delegate1")).json().getJsonObject("meeting");
      assertThat(snapshot.getString("status")).isEqualTo("ARCHIVED");
      assertThat(snapshot.getString("openedAt")).isNotNull();
      assertThat(snapshot.getString("closedAt")).isNotNull();
      // REST goes through the same rule.
      Api.Response r = fx.api().post("/api/meetings/" + m + "/status", new JsonObject().put("status", "OPEN"), fx.token("chair"));
      assertThat(r.status()).as(r.toString()).isEqualTo(409);
    }
  }

  JsonObject snapshotParticipant(String meeting, String who, String viewer) {
    Api.Response r = fx.api().get("/api/meetings/" + meeting + "/snapshot", fx.token(viewer));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    for (Object o : r.json().getJsonArray("participants")) {
      if (((JsonObject) o).getString("accountId").equals(fx.id(who))) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError(who + " not in the snapshot");
  }
}
