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
  private final MediaService media;
  private final RoomCredentials credentials;
  private final TurnCredentials turn;
  private final java.util.List<String> allowedOrigins;

  private MediaFeature(MediaService media, RoomCredentials credentials, TurnCredentials turn, java.util.List<String> allowedOrigins) {
    this.media = media;
    this.credentials = credentials;
    this.turn = turn;
    this.allowedOrigins = allowedOrigins;
  }

  /**
   * Starts the media plane (never fails: without a bridge the server runs without video). The speaker queue drives
   * the floor (read through {@code db.auto()}); room credentials authenticate WHIP/WHEP and their revocation ends the
   * media sessions opened with them; {@code turn} mints the TURN credentials of their {@code Link} headers (MV25).
   */
  public static Future<MediaFeature> start(Vertx vertx, MediaConfig config, Path dataDir, Database db, Ledger ledger,
                                           SpeakerQueue speakers, RoomCredentials credentials, TurnCredentials turn,
                                           io.micrometer.core.instrument.MeterRegistry registry) {
    return MediaService.start(vertx, config, dataDir, ledger, speakers, db.auto())
        .map(media -> {
          media.measure(new MediaMetrics(registry));
          return new MediaFeature(media, credentials, turn, config.endpointAllowedOrigins());
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
    r.command("media.publish", MediaCommands.Publish.class, media::publish);
    r.command("media.subscribe", MediaCommands.Subscribe.class, media::subscribe);
    r.command("media.answer", MediaCommands.Answer.class, media::answer);
    r.command("media.candidate", MediaCommands.Candidate.class, media::candidate);
    r.command("media.leave", MediaCommands.Leave.class, media::leave);
    r.command("media.state", NoFields.class, (c, a) -> media.state(c));
    // MV7, MV9, MV10: who has the floor and whether video is available concern everyone in the meeting alike.
    r.events(MediaEvent.class, Projection.whole());
    r.routes(new MediaEndpointRoutes(credentials, media.endpoints(), turn, allowedOrigins));
  }

  /** Stops the bridges' control connections and the local Janus, if one was started. */
  @Override
  public void close() {
    media.close();
  }
}
