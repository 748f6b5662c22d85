package org.plenum.server.media;

import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.JsonBodies;

/** The fields of the {@code media.*} commands (docs/protocol.md §13). Each validates itself. */
final class MediaCommands {
  private MediaCommands() {}

  static final int MAX_SDP = 64 * 1024;

  /** {@code media.publish}: the client's SDP offer for its camera (and microphone). */
  record Publish(String sdp) {
    public Publish {
      JsonBodies.required(sdp, "sdp", MAX_SDP);
    }
  }

  /**
   * {@code media.subscribe}: {@code "speaker"}, {@code "chair"} or a feed id (the publisher's account id), and the
   * optional {@code quality} (MV16): {@code "thumbnail"} (the lowest simulcast layer) or {@code "full"} (the default);
   * the optional {@code follow} (MV29, only with {@code "speaker"}): the server keeps the subscription on the floor.
   */
  record Subscribe(String feed, String quality, Boolean follow) {
    public Subscribe {
      JsonBodies.required(feed, "feed", 64);
      if (quality != null && !quality.equals("thumbnail") && !quality.equals("full")) {
        throw PlenumException.badMessage("Field 'quality' must be \"thumbnail\" or \"full\".");
      }
      if (Boolean.TRUE.equals(follow) && !feed.equals("speaker")) {
        throw PlenumException.badMessage("Field 'follow' goes with feed \"speaker\" only.");
      }
    }

    /** MV29: the subscription follows the floor by {@code switch} instead of the client subscribing again. */
    boolean following() {
      return Boolean.TRUE.equals(follow);
    }

    /** MV16: the lowest layer of a simulcast publisher (a single-layer publisher sends its only one). */
    boolean thumbnail() {
      return "thumbnail".equals(quality);
    }
  }

  /** {@code media.answer}: the client's SDP answer to the offer of a subscription. */
  record Answer(String subscriptionId, String sdp) {
    public Answer {
      JsonBodies.required(subscriptionId, "subscriptionId", 64);
      JsonBodies.required(sdp, "sdp", MAX_SDP);
    }
  }

  /**
   * {@code media.candidate}: one trickled ICE candidate of the publication (no {@code subscriptionId}) or of a
   * subscription; {@code completed: true} instead of a candidate ends the trickle.
   */
  record Candidate(String subscriptionId, String candidate, String sdpMid, Integer sdpMLineIndex, Boolean completed) {
    public Candidate {
      if (subscriptionId != null) {
        JsonBodies.required(subscriptionId, "subscriptionId", 64);
      }
      boolean done = completed != null && completed;
      if (!done) {
        JsonBodies.required(candidate, "candidate", 2048);
        if (sdpMid == null && sdpMLineIndex == null) {
          throw PlenumException.badMessage("A candidate needs 'sdpMid' or 'sdpMLineIndex'.");
        }
      }
      if (sdpMid != null && sdpMid.length() > 64) {
        throw PlenumException.badMessage("Field 'sdpMid' is longer than 64 characters.");
      }
    }

    boolean isCompleted() {
      return completed != null && completed;
    }
  }

  /** {@code media.leave}: ends one subscription, or (no {@code subscriptionId}) the publication and every subscription. */
  record Leave(String subscriptionId) {
    public Leave {
      if (subscriptionId != null) {
        JsonBodies.required(subscriptionId, "subscriptionId", 64);
      }
    }
  }
}
