package org.plenum.server.media;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.plenum.server.core.error.PlenumException;

/**
 * The few SDP facts the media plane reads, line by line (no SDP object model: Janus and the clients own the SDP):
 * the audio mids of an offer (what floor control mutes, MV7) and the candidates of an RFC 8840 trickle fragment (MV13).
 */
final class SdpLines {
  private SdpLines() {}

  /** The mids of the audio m-lines of an SDP (what {@code moderate} mutes). */
  static List<String> audioMids(String sdp) {
    List<String> mids = new ArrayList<>();
    boolean audio = false;
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("m=")) {
        audio = line.startsWith("m=audio");
      } else if (audio && line.startsWith("a=mid:")) {
        mids.add(line.substring(6).strip());
      }
    }
    return mids;
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
      throw PlenumException.badMessage(
          "The fragment carries no 'a=candidate' or 'a=end-of-candidates' line (ICE restarts are not supported).");
    }
    return out;
  }
}
