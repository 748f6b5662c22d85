package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.media.janus.RoomSpec;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/** MV29, MV30: what a following subscription shows, and the {@code follow} field of {@code media.subscribe}. */
class FloorFollowersTest {
  private final UUID chairId = UUID.randomUUID();
  private final UUID roomA = UUID.randomUUID();
  private final UUID roomB = UUID.randomUUID();

  private MeetingRoom room(UUID floor, UUID... publishing) {
    MeetingRoom room = new MeetingRoom(MeetingId.random(), RoomSpec.of("r", "s"));
    for (UUID p : publishing) {
      room.publishers.put(p, new MeetingRoom.Publisher(p, p.toString(), p.equals(chairId), List.of("0"), List.of("1"), 1));
    }
    room.floor = floor;
    return room;
  }

  @Test
  @DisplayName("MV29, MV30: a follower shows the speaker's feed, else the hall feed, never its own; nothing live: nothing")
  void target_is_speaker_else_hall_never_self() {
    assertThat(FloorFollowers.target(room(roomA, chairId, roomA, roomB), roomB)).map(MeetingRoom.Publisher::accountId).contains(roomA);
    assertThat(FloorFollowers.target(room(roomA, chairId, roomA, roomB), null)).map(MeetingRoom.Publisher::accountId).contains(roomA);
    // the speaker publishes no video (a delegate in the hall): the hall feed
    assertThat(FloorFollowers.target(room(UUID.randomUUID(), chairId, roomA), roomB)).map(MeetingRoom.Publisher::accountId)
        .contains(chairId);
    // its own feed has the floor: the hall feed; no hall feed: nothing (it keeps what it shows)
    assertThat(FloorFollowers.target(room(roomA, chairId, roomA), roomA)).map(MeetingRoom.Publisher::accountId).contains(chairId);
    assertThat(FloorFollowers.target(room(roomA, roomA, roomB), roomA)).isEmpty();
    assertThat(FloorFollowers.target(room(null), roomA)).isEmpty();
  }

  @Test
  @DisplayName("MV29: follow is optional and goes with feed \"speaker\" only; anything else is BAD_MESSAGE")
  void follow_only_with_speaker() {
    assertThat(new MediaCommands.Subscribe("speaker", null, true).following()).isTrue();
    assertThat(new MediaCommands.Subscribe("speaker", null, null).following()).isFalse();
    assertThat(new MediaCommands.Subscribe("chair", null, false).following()).isFalse();
    assertThatThrownBy(() -> new MediaCommands.Subscribe("chair", null, true))
        .isInstanceOfSatisfying(PlenumException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE));
  }
}
