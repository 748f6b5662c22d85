package org.plenum.media.agent;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;

/**
 * What two WebRTC peers tell each other through a {@link SignallingChannel}: an offer, an answer, or one ICE
 * candidate. JSON on the wire ({@code rtc.offer}, {@code rtc.answer}, {@code rtc.candidate}), parsed strictly: an
 * unknown type, a missing or mistyped field, or an unexpected field is an {@link IllegalArgumentException}.
 */
public sealed interface SignalMessage {

  JsonObject toJson();

  /** An SDP offer. */
  record Offer(String sdp) implements SignalMessage {
    public Offer {
      Objects.requireNonNull(sdp, "sdp");
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("type", "rtc.offer").put("sdp", sdp);
    }
  }

  /** An SDP answer. */
  record Answer(String sdp) implements SignalMessage {
    public Answer {
      Objects.requireNonNull(sdp, "sdp");
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("type", "rtc.answer").put("sdp", sdp);
    }
  }

  /** One trickled ICE candidate ({@code candidate:...} line, as a browser's {@code RTCIceCandidate.candidate}). */
  record Candidate(String mid, int mLineIndex, String candidate) implements SignalMessage {
    public Candidate {
      Objects.requireNonNull(candidate, "candidate");
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("type", "rtc.candidate").put("mid", mid).put("mLineIndex", mLineIndex)
          .put("candidate", candidate);
    }
  }

  static SignalMessage parse(JsonObject json) {
    String type = string(json, "type");
    return switch (type) {
      case "rtc.offer" -> {
        only(json, Set.of("type", "sdp"));
        yield new Offer(string(json, "sdp"));
      }
      case "rtc.answer" -> {
        only(json, Set.of("type", "sdp"));
        yield new Answer(string(json, "sdp"));
      }
      case "rtc.candidate" -> {
        only(json, Set.of("type", "mid", "mLineIndex", "candidate"));
        Object mid = json.getValue("mid");
        if (mid != null && !(mid instanceof String)) {
          throw new IllegalArgumentException("rtc.candidate: 'mid' must be a string or null");
        }
        if (!(json.getValue("mLineIndex") instanceof Number index)) {
          throw new IllegalArgumentException("rtc.candidate: 'mLineIndex' must be a number");
        }
        yield new Candidate((String) mid, index.intValue(), string(json, "candidate"));
      }
      default -> throw new IllegalArgumentException("unknown signal message type '" + type + "'");
    };
  }

  private static String string(JsonObject json, String key) {
    if (!(json.getValue(key) instanceof String value)) {
      throw new IllegalArgumentException("signal message: '" + key + "' must be a string");
    }
    return value;
  }

  private static void only(JsonObject json, Set<String> keys) {
    for (String key : json.fieldNames()) {
      if (!keys.contains(key)) {
        throw new IllegalArgumentException("signal message " + json.getValue("type") + ": unexpected field '" + key + "'");
      }
    }
  }
}
