package org.plenum.server.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.plenum.server.config.PlenumConfig.MediaConfig;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.NoFields;
import org.plenum.server.core.Projection;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.room.RoomCredentials;
import org.plenum.server.room.TurnCredentials;
import org.plenum.server.speaker.SpeakerQueue;

/**
 * Video (truyền hình hội nghị): the {@code media.*} commands of the meeting socket, the {@code media.floor} and
 * {@code media.status} events, and WHIP/WHEP for hardware encoders and decoders (docs/protocol.md §13). The media
 * plane ({@link MediaService}) starts before the feature registers — with the configured bridges, a local Janus, or
 * none (then video is off and media commands answer {@code MEDIA_UNAVAILABLE}) — and stops with the server.
 */
public final class MediaFeature implements Feature {
  /**
   * The duty of running the media plane (D44): in a cluster one node at a time holds it (a lease, D42) and runs every
   * meeting's room, floor control and Janus sessions; the other nodes forward their sockets' media commands (CL7).
   */
  public static final String MEDIA = "media";

  private final MediaService media;
  private final MediaRelay relay;
  private final RoomCredentials credentials;
  private final TurnCredentials turn;
  private final java.util.List<String> allowedOrigins;

  private MediaFeature(MediaService media, MediaRelay relay, RoomCredentials credentials, TurnCredentials turn,
                       java.util.List<String> allowedOrigins) {
    this.media = media;
    this.relay = relay;
    this.credentials = credentials;
    this.turn = turn;
    this.allowedOrigins = allowedOrigins;
  }

  /**
   * Starts the media plane (never fails: without a bridge the server runs without video). The speaker queue drives
   * the floor (read through {@code db.auto()}); room credentials authenticate WHIP/WHEP and their revocation ends the
   * media sessions opened with them; {@code turn} mints the TURN credentials of their {@code Link} headers (MV25);
   * {@code ownership} says whether this node runs the media plane of the cluster ({@link #MEDIA}, CL7).
   */
  public static Future<MediaFeature> start(Vertx vertx, MediaConfig config, Path dataDir, Database db, Ledger ledger,
                                           SpeakerQueue speakers, RoomCredentials credentials, TurnCredentials turn,
                                           org.plenum.server.core.cluster.Ownership ownership,
                                           io.micrometer.core.instrument.MeterRegistry registry) {
    return MediaService.start(vertx, config, dataDir, ledger, speakers, db.auto())
        .map(media -> {
          media.measure(new MediaMetrics(registry));
          MediaRelay relay = new MediaRelay(vertx, media, ownership, new PgMediaStore(db), config.requestTimeout().multipliedBy(2).plusSeconds(1));
          relay.start();
          return new MediaFeature(media, relay, credentials, turn, config.endpointAllowedOrigins());
        });
  }

  /**
   * Starts the local Janus process (when this configuration runs one) while the rest of the server starts; the
   * {@link #start} that follows takes it over. Cold start, issue 17 (docs/decisions.md D43).
   */
  public static void prestart(MediaConfig config, Path dataDir) {
    LocalJanus.prestart(config, dataDir);
  }

  /** Stops a Janus {@link #prestart} started when the server's start failed before {@link #start} took it over. */
  public static void abandonPrestart(Path dataDir) {
    LocalJanus.abandon(dataDir);
  }

  /** The media plane of this node (tests look into its rooms). */
  MediaService media() {
    return media;
  }

  @Override
  public String name() {
    return "media";
  }

  @Override
  public void register(FeatureRegistry r) {
    // CL7: each command runs where the media plane runs (here, or forwarded to the cluster's media owner)
    r.command("media.publish", MediaCommands.Publish.class, (c, cmd) -> relay.route(c, "publish",
        new io.vertx.core.json.JsonObject().put("sdp", cmd.sdp()), () -> media.publish(c, cmd)));
    r.command("media.subscribe", MediaCommands.Subscribe.class, (c, cmd) -> relay.route(c, "subscribe",
        new io.vertx.core.json.JsonObject().put("feed", cmd.feed()).put("quality", cmd.quality()).put("follow", cmd.follow()),
        () -> media.subscribe(c, cmd)));
    r.command("media.answer", MediaCommands.Answer.class, (c, cmd) -> relay.route(c, "answer",
        new io.vertx.core.json.JsonObject().put("subscriptionId", cmd.subscriptionId()).put("sdp", cmd.sdp()), () -> media.answer(c, cmd)));
    r.command("media.candidate", MediaCommands.Candidate.class, (c, cmd) -> relay.route(c, "candidate",
        new io.vertx.core.json.JsonObject().put("subscriptionId", cmd.subscriptionId()).put("candidate", cmd.candidate())
            .put("sdpMid", cmd.sdpMid()).put("sdpMLineIndex", cmd.sdpMLineIndex()).put("completed", cmd.completed()),
        () -> media.candidate(c, cmd)));
    r.command("media.leave", MediaCommands.Leave.class, (c, cmd) -> relay.route(c, "leave",
        new io.vertx.core.json.JsonObject().put("subscriptionId", cmd.subscriptionId()), () -> media.leave(c, cmd)));
    r.command("media.state", NoFields.class, (c, a) -> relay.route(c, "state", new io.vertx.core.json.JsonObject(), () -> media.state(c)));
    // MV7, MV9, MV10: who has the floor and whether video is available concern everyone in the meeting alike.
    r.events(MediaEvent.class, Projection.whole());
    // MV31: media.resubscribe is told to one socket (Connection.tell) and never stored; were one in the ledger, it
    // would reach nobody (P7: registered, and denied to every viewer)
    r.events(MediaResubscribe.class, new Projection<>() {
      @Override
      public java.util.Optional<String> viewOf(MediaResubscribe event, org.plenum.server.core.Actor viewer) {
        return java.util.Optional.empty();
      }

      @Override
      public io.vertx.core.json.JsonObject render(MediaResubscribe event, String view) {
        return event.data();
      }
    });
    r.routes(new MediaEndpointRoutes(credentials, relay.endpoints(media.endpoints()), turn, allowedOrigins));
  }

  /** Stops the bridges' control connections and the local Janus, if one was started. */
  @Override
  public void close() {
    relay.stop();
    media.close();
  }
}
