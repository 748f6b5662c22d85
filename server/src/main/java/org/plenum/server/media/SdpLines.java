package org.plenum.server.media;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * The few SDP facts the media plane reads, line by line (no SDP object model: Janus and the clients own the SDP):
 * the audio mids of an offer (what floor control mutes, MV7), the candidates of an RFC 8840 trickle fragment (MV13), the
 * codecs of an offer (MV20) and the ICE user fragments of a description or fragment (MV23).
 */
final class SdpLines {
  private SdpLines() {}

  /** The video codecs the meeting rooms take (VideoRoom {@code videocodec}, in order of preference), MV20. */
  static final List<String> VIDEO_CODECS = List.of("VP8", "H264");
  /** The audio codec the meeting rooms take (VideoRoom {@code audiocodec}), MV20. */
  static final String AUDIO_CODEC = "OPUS";

  /** The mids of the audio m-lines of an SDP (what {@code moderate} mutes). */
  static List<String> audioMids(String sdp) {
    return mids(sdp, "audio");
  }

  /** The mids of the video m-lines of an SDP (what a {@code switch} to this publisher uses, MV22). */
  static List<String> videoMids(String sdp) {
    return mids(sdp, "video");
  }

  private static List<String> mids(String sdp, String kind) {
    List<String> mids = new ArrayList<>();
    boolean inKind = false;
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("m=")) {
        inKind = line.startsWith("m=" + kind + " ");
      } else if (inKind && line.startsWith("a=mid:")) {
        mids.add(line.substring(6).strip());
      }
    }
    return mids;
  }

  /** The codec names (upper case, e.g. VP8, H264, OPUS) offered on the active (port ≠ 0) m-lines of {@code kind}. */
  static Set<String> codecs(String sdp, String kind) {
    Set<String> out = new LinkedHashSet<>();
    boolean inKind = false;
    for (String raw : sdp.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("m=")) {
        String[] f = line.substring(2).split(" ");
        inKind = f[0].equals(kind) && f.length > 1 && !f[1].equals("0");
      } else if (inKind && line.startsWith("a=rtpmap:")) {
        int space = line.indexOf(' ');
        int slash = line.indexOf('/', Math.max(space, 0));
        if (space > 0) {
          out.add(line.substring(space + 1, slash > space ? slash : line.length()).strip().toUpperCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /**
   * MV20: an offer carries something a meeting room takes: video, if offered, in VP8 or H.264; and at least one of
   * video (VP8/H.264) or audio (Opus). Else UNSUPPORTED_CODEC naming what was offered (never a 201 that carries nothing).
   */
  static void requireTakenCodecs(String sdp) {
    Set<String> video = codecs(sdp, "video");
    Set<String> audio = codecs(sdp, "audio");
    boolean videoTaken = video.stream().anyMatch(VIDEO_CODECS::contains);
    boolean audioTaken = audio.contains(AUDIO_CODEC);
    if (!video.isEmpty() && !videoTaken || !videoTaken && !audioTaken) {
      throw new PlenumException(ErrorCode.UNSUPPORTED_CODEC, "No codec this meeting's video room takes was offered (video: "
          + (video.isEmpty() ? "none" : String.join(", ", video)) + "; audio: " + (audio.isEmpty() ? "none" : String.join(", ", audio))
          + "). Offer VP8 or H.264 video, and Opus audio.");
    }
  }

  /** The {@code a=ice-ufrag} values of an SDP or fragment, session or media level (MV23 tells a restart by them). */
  static Set<String> iceUfrags(String sdp) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : sdp.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("a=ice-ufrag:")) {
        out.add(line.substring(12).strip());
      }
    }
    return out;
  }

  /** RFC 8840 fragment → Janus trickle candidates ({@code a=mid} sets the m-line, {@code a=end-of-candidates} completes). */
  static List<JsonObject> candidates(String frag) {
    List<JsonObject> out = new ArrayList<>();
    String mid = null;
    int mline = -1;
    for (String raw : frag.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("m=")) {
        mline++;
      } else if (line.startsWith("a=mid:")) {
        mid = line.substring(6).strip();
      } else if (line.startsWith("a=candidate:")) {
        JsonObject c = new JsonObject().put("candidate", line.substring(2)).put("sdpMLineIndex", Math.max(mline, 0));
        if (mid != null) {
          c.put("sdpMid", mid);
        }
        out.add(c);
      } else if (line.equals("a=end-of-candidates")) {
        out.add(new JsonObject().put("completed", true));
      }
    }
    if (out.isEmpty()) {
      throw PlenumException.badMessage("The fragment carries no 'a=candidate' or 'a=end-of-candidates' line.");
    }
    return out;
  }
}
