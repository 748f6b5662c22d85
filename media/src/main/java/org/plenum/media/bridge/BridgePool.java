package org.plenum.media.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.plenum.media.MediaUnavailableException;
import org.plenum.media.MediaUnavailableException.Reason;
import org.plenum.media.janus.Feed;
import org.plenum.media.janus.Participant;
import org.plenum.media.janus.RoomSpec;

/**
 * A pool of Janus bridges: periodic health and load sampling, placement of a meeting's room on the least-loaded
 * healthy bridge ({@link LoadSample#score}), and cascading a room from one bridge to another.
 *
 * <p><b>Cascading choice (Janus 1.1.2).</b> 1.1.2 already has VideoRoom remote publishers: {@code add_remote_publisher}
 * on the target announces the feed and opens one RTP port for all its streams, {@code publish_remotely} on the
 * source relays the local publisher there. Subscribers on the target then use the ordinary VideoRoom subscribe API,
 * presence included. This is preferred over {@code rtp_forward} into Streaming mountpoints (Streaming is not even
 * loaded; mountpoints would bypass VideoRoom presence and need a port per stream). Limits seen in 1.1.2:
 * {@code publish_remotely} accepts only local (WebRTC) publishers ("Only local publishers can be remotized", 430),
 * so feeds that are themselves remote on the source are skipped (relay them from their origin bridge); after a
 * publisher renegotiates, {@code update_remote_publisher} must follow (not automated yet).
 */
public final class BridgePool implements AutoCloseable {

  private final Vertx vertx;
  private final BridgePoolConfig config;
  private final List<Bridge> bridges;
  private final Map<String, Bridge> placements = new ConcurrentHashMap<>();
  private long timer = -1;

  private BridgePool(Vertx vertx, BridgePoolConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.bridges = config.bridges().stream()
        .map(b -> new Bridge(vertx, b, config.requestTimeout(), config.maxHandleInfo())).toList();
  }

  /** Creates the pool, starts sampling, and completes after the first sampling round (bridges may be down). */
  public static Future<BridgePool> start(Vertx vertx, BridgePoolConfig config) {
    BridgePool pool = new BridgePool(vertx, config);
    pool.timer = vertx.setPeriodic(config.sampleInterval().toMillis(), t -> pool.sampleNow());
    return pool.sampleNow().map(pool);
  }

  public List<Bridge> bridges() {
    return bridges;
  }

  public Optional<Bridge> find(String name) {
    return bridges.stream().filter(b -> b.name().equals(name)).findFirst();
  }

  /** Samples every bridge now; never fails (a failed bridge is marked down). */
  public Future<Void> sampleNow() {
    List<Future<LoadSample>> rounds = bridges.stream().map(b -> b.sample().recover(err -> Future.succeededFuture()))
        .toList();
    return Future.join(rounds).mapEmpty();
  }

  /** The healthy bridges, least loaded first. */
  public List<Bridge> healthy() {
    return bridges.stream().filter(Bridge::healthy).sorted(Comparator.comparingDouble(Bridge::score)).toList();
  }

  /**
   * Places the room: on the bridge it is already placed on if that one is healthy, else on the healthy bridge with
   * the lowest score, and creates it there. Fails with {@link MediaUnavailableException} ({@code NO_BRIDGE}) when
   * no bridge is healthy.
   */
  public Future<Bridge> place(RoomSpec spec) {
    Bridge current = placements.get(spec.room());
    if (current != null && current.healthy()) {
      return current.videoRoom().ensure(spec).map(current);
    }
    List<Bridge> candidates = healthy();
    if (candidates.isEmpty()) {
      return Future.failedFuture(new MediaUnavailableException(Reason.NO_BRIDGE,
          "no healthy media bridge among " + bridges.stream().map(Bridge::name).toList()));
    }
    Bridge chosen = candidates.get(0);
    chosen.placed();
    return chosen.videoRoom().ensure(spec).map(v -> {
      placements.put(spec.room(), chosen);
      return chosen;
    });
  }

  /** The bridge a room was placed on, if any. */
  public Optional<Bridge> placement(String room) {
    return Optional.ofNullable(placements.get(room));
  }

  /**
   * Makes {@code spec} span {@code from} and {@code to}: ensures the room on {@code to}, reads the active feeds
   * on {@code from} (with their streams), and for each local publisher: {@code add_remote_publisher} on {@code to}
   * (bound to {@code to}'s cascade address), then {@code publish_remotely} on {@code from} towards it.
   */
  public Future<Cascade> cascade(RoomSpec spec, Bridge from, Bridge to) {
    String remoteId = "cascade-" + to.name();
    return to.videoRoom().ensure(spec)
        .compose(v -> from.videoRoom().listParticipants(spec.room()))
        .compose(participants -> {
          Set<String> remote = participants.stream().filter(Participant::remote).map(Participant::id)
              .collect(Collectors.toSet());
          return from.videoRoom().activeFeeds(spec.room(), spec.pin()).compose(feeds -> {
            List<Cascade.Relayed> relayed = new ArrayList<>();
            List<Cascade.Skipped> skipped = new ArrayList<>();
            Future<Void> chain = Future.succeededFuture();
            for (Feed feed : feeds) {
              if (remote.contains(feed.id())) {
                skipped.add(new Cascade.Skipped(feed.id(), "remote publisher on " + from.name()
                    + ": Janus 1.1.2 relays only local publishers; cascade from its origin bridge"));
                continue;
              }
              chain = chain.compose(v -> to.videoRoom()
                  .addRemotePublisher(spec.room(), spec.secret(), feed, Optional.of(to.config().cascadeAddress()))
                  .compose(target -> from.videoRoom()
                      .publishRemotely(spec.room(), spec.secret(), feed.id(), remoteId, target)
                      .map(x -> relayed.add(new Cascade.Relayed(feed.id(), remoteId, target))))
                  .mapEmpty());
            }
            return chain.map(v -> new Cascade(spec.room(), from, to, relayed, skipped));
          });
        });
  }

  /**
   * Relays one live local publisher {@code feedId} of {@code from} into the room on {@code to} (which must exist):
   * reads its streams on {@code from}, {@code add_remote_publisher} on {@code to}, {@code publish_remotely} on
   * {@code from}. Fails with an {@link IllegalStateException} when the feed is not active on {@code from}.
   */
  public Future<Cascade.Relayed> relay(RoomSpec spec, Bridge from, Bridge to, String feedId) {
    String remoteId = "cascade-" + to.name();
    return from.videoRoom().activeFeeds(spec.room(), spec.pin()).compose(feeds -> {
      Optional<Feed> feed = feeds.stream().filter(f -> f.id().equals(feedId)).findFirst();
      if (feed.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("feed " + feedId + " is not active on " + from.name()));
      }
      return to.videoRoom()
          .addRemotePublisher(spec.room(), spec.secret(), feed.get(), Optional.of(to.config().cascadeAddress()))
          .compose(target -> from.videoRoom().publishRemotely(spec.room(), spec.secret(), feedId, remoteId, target)
              .map(x -> new Cascade.Relayed(feedId, remoteId, target)));
    });
  }

  /** Ends one relay: {@code unpublish_remotely} on {@code from} (errors ignored), {@code remove_remote_publisher} on {@code to}. */
  public Future<Void> unrelay(RoomSpec spec, Bridge from, Bridge to, Cascade.Relayed r) {
    return from.videoRoom().unpublishRemotely(spec.room(), spec.secret(), r.feedId(), r.remoteId())
        .recover(err -> Future.succeededFuture())
        .compose(v -> to.videoRoom().removeRemotePublisher(spec.room(), spec.secret(), r.target().id()));
  }

  /** Undoes a cascade: {@code unpublish_remotely} on the source, {@code remove_remote_publisher} on the target. */
  public Future<Void> uncascade(Cascade cascade, String secret) {
    Future<Void> chain = Future.succeededFuture();
    for (Cascade.Relayed r : cascade.relayed()) {
      chain = chain
          .compose(v -> cascade.from().videoRoom().unpublishRemotely(cascade.room(), secret, r.feedId(), r.remoteId())
              .recover(err -> Future.succeededFuture()))
          .compose(v -> cascade.to().videoRoom().removeRemotePublisher(cascade.room(), secret, r.target().id()));
    }
    return chain;
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    bridges.forEach(Bridge::close);
  }
}
