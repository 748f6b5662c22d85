package org.plenum.server.media;

import io.vertx.core.Future;
import org.plenum.media.MediaUnavailableException;
import org.plenum.media.janus.JanusException;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * Media failures in Plenum's error vocabulary (MV3): a lost, hung or absent bridge is {@code MEDIA_UNAVAILABLE};
 * VideoRoom "no such feed" is {@code NOT_FOUND}; an SDP Janus cannot use is {@code BAD_MESSAGE}. Bridge internals
 * (Janus error codes and texts) never reach clients (MV26): they are logged here, the client gets a plain sentence;
 * anything else stays {@code INTERNAL}.
 */
final class MediaErrors {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MediaErrors.class);

  private MediaErrors() {}

  static final String UNAVAILABLE = "The video bridge is not available right now; the meeting continues without video.";

  static <T> Future<T> map(Throwable err) {
    return Future.failedFuture(toPlenum(err));
  }

  static Throwable toPlenum(Throwable err) {
    if (err instanceof PlenumException) {
      return err;
    }
    if (err instanceof MediaUnavailableException) {
      return new PlenumException(ErrorCode.MEDIA_UNAVAILABLE, UNAVAILABLE);
    }
    if (err instanceof JanusException je) {
      LOG.info("Bridge refused a media request: {}", je.getMessage());
      return switch (je.code()) {
        case 428 -> PlenumException.notFound("No such video feed in this meeting.");
        // 429 missing element, 430 invalid element, 465/466 bad SDP/JSEP, 433 unauthorized (bad state), 434 invalid sdp type
        case 429, 430, 434, 465, 466 -> PlenumException.badMessage(
            "The video bridge could not use this session description (check its codecs, directions and ICE attributes).");
        default -> new PlenumException(ErrorCode.MEDIA_UNAVAILABLE, UNAVAILABLE);
      };
    }
    return err;
  }

  static PlenumException unavailable() {
    return new PlenumException(ErrorCode.MEDIA_UNAVAILABLE, UNAVAILABLE);
  }
}
