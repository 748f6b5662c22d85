package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.media.bridge.Bridge;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.ledger.EventCodec;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.ledger.LedgerEvent;
import org.plenum.server.speaker.SpeakerEvent;
import org.plenum.server.speaker.SpeakerQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker queue drives the media (MV7–MV9): {@code speaker.granted}/{@code speaker.ended} set who has the floor;
 * the new speaker's audio is un-muted at the bridge and, with {@code media.floor_mute_others}, the previous
 * speaker's muted (the chair is never muted); then a {@code media.floor} ledger event tells every client which feed
 * to watch. Bridge loss and return are {@code media.status} ledger events (MV10, MV11).
 */
final class FloorControl {
  private static final Logger LOG = LoggerFactory.getLogger(FloorControl.class);
  /** ENDED and GRANTED of one grant arrive back to back: one floor change for both. */
  private static final long COALESCE_MS = 30;

  private final MediaOwner owner;
  private final Ledger ledger;
  private final SpeakerQueue speakers;
  private final Tx reads;
  private final boolean muteOthers;
  /** Hears every floor announcement (WHEP sessions follow the floor, MV22). */
  private java.util.function.Consumer<MeetingRoom> floorMoved = room -> { };
  /** CL8: false while another node of the cluster runs the media plane (then that node writes the floor). */
  private java.util.function.BooleanSupplier acting = () -> true;

  /** {@code reads}: where the speaker queue is read (each statement on its own, {@code Database.auto()}). */
  FloorControl(MediaOwner owner, Ledger ledger, SpeakerQueue speakers, Tx reads, boolean muteOthers) {
    this.owner = owner;
    this.ledger = ledger;
    this.speakers = speakers;
    this.reads = reads;
    this.muteOthers = muteOthers;
  }

  /** Reads who has the floor now (once per room) and follows the meeting's speaker events from then on. */
  Future<Void> watch(MeetingRoom room) {
    if (room.speakerEvents == null) {
      // CL8: the whole cluster's speaker events (a grant written through any node), not only this node's
      room.speakerEvents = owner.vertx().eventBus().<JsonObject>consumer(Ledger.address(room.meeting),
          msg -> owner.run(() -> onEvent(room, LedgerEvent.fromBus(msg.body()))));
    }
    if (room.floorKnown) {
      return Future.succeededFuture();
    }
    if (room.floorRead == null || room.floorRead.failed()) {
      room.floorRead = owner.resume(speakers.queue(reads, room.meeting)).map(q -> {
        if (!room.floorKnown) {           // a speaker event that arrived meanwhile is newer than this read
          JsonObject current = q.getJsonObject("current");
          room.floor = current == null ? null : UUID.fromString(current.getString("accountId"));
          room.floorKnown = true;
        }
        return null;
      });
    }
    return room.floorRead;
  }

  /** CL8: follows the speaker queue only while {@code acting} says this node runs the cluster's media plane. */
  void actOnlyWhile(java.util.function.BooleanSupplier acting) {
    this.acting = acting;
  }

  private void onEvent(MeetingRoom room, LedgerEvent e) {
    Optional<SpeakerEvent> floorChange = floorChange(e);
    if (floorChange.isEmpty() || !acting.getAsBoolean()) {
      return;
    }
    UUID previous = room.floor;
    if (floorChange.get() instanceof SpeakerEvent.Granted g) {
      room.floor = accountOf(g.entry());
    } else if (floorChange.get() instanceof SpeakerEvent.Ended ended && accountOf(ended.entry()).equals(previous)) {
      room.floor = null;
    }
    room.floorKnown = true;
    if (room.floorTimer < 0) {
      UUID before = previous;
      room.floorTimer = owner.timer(COALESCE_MS, () -> {
        room.floorTimer = -1;
        applyFloor(room, before);
      });
    }
  }

  /** The speaker events that move the floor, as their records; every other event of the meeting: empty. */
  private static Optional<SpeakerEvent> floorChange(LedgerEvent e) {
    return switch (e.type()) {
      case SpeakerEvent.GRANTED -> Optional.of(EventCodec.decode(SpeakerEvent.Granted.class, e.dataJson(), e.audience()));
      case SpeakerEvent.ENDED -> Optional.of(EventCodec.decode(SpeakerEvent.Ended.class, e.dataJson(), e.audience()));
      default -> Optional.empty();
    };
  }

  private static UUID accountOf(JsonObject speakerEntry) {
    return UUID.fromString(speakerEntry.getString("accountId"));
  }

  /**
   * Moves the following subscriptions at once (they need no mute step, MV29), un-mutes the speaker, mutes the previous
   * one (policy), then announces the floor.
   */
  private void applyFloor(MeetingRoom room, UUID previous) {
    floorMoved.accept(room);
    UUID now = room.floor;
    List<Future<Void>> steps = new ArrayList<>();
    room.bridgeNow().ifPresent(bridge -> {
      if (now != null) {
        Optional.ofNullable(room.publishers.get(now)).ifPresent(p -> steps.add(mute(bridge, room, p, false)));
      }
      if (previous != null && !previous.equals(now)) {
        Optional.ofNullable(room.publishers.get(previous)).ifPresent(p -> steps.add(mute(bridge, room, p, shouldMute(room, p))));
      }
    });
    owner.resume(Future.join(steps)).onComplete(r -> announceFloor(room));
  }

  boolean shouldMute(MeetingRoom room, MeetingRoom.Publisher p) {
    return muteOthers && !p.chair() && !p.accountId().equals(room.floor);
  }

  /** {@code moderate} every audio m-line of {@code p}; failures are logged, never block the floor change. */
  Future<Void> mute(Bridge bridge, MeetingRoom room, MeetingRoom.Publisher p, boolean mute) {
    List<Future<Void>> all = new ArrayList<>();
    for (String mid : p.audioMids()) {
      all.add(bridge.videoRoom().moderate(room.id(), room.spec.secret(), p.feedId(), mid, mute)
          .onFailure(err -> LOG.warn("Meeting {}: could not {} feed {} (mid {}): {}", room.meeting, mute ? "mute" : "unmute",
              p.feedId(), mid, err.toString())));
    }
    return Future.join(all).mapEmpty();
  }

  void onFloor(java.util.function.Consumer<MeetingRoom> listener) {
    this.floorMoved = listener;
  }

  Future<Void> announceFloor(MeetingRoom room) {
    floorMoved.accept(room);
    return write(room, room.floorEvent());
  }

  Future<Void> announceStatus(MeetingRoom room, boolean available) {
    return write(room, MediaEvent.Status.of(available));
  }

  private Future<Void> write(MeetingRoom room, MediaEvent event) {
    return ledger.write(room.meeting, null, (tx, head) -> Future.succeededFuture(Ledger.Change.of(null, event)))
        .<Void>mapEmpty()
        .onFailure(err -> LOG.warn("Meeting {}: could not write {}: {}", room.meeting, event.type(), err.toString()));
  }
}
