package org.plenum.media.janus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An active publisher as the VideoRoom describes it in {@code joined}/{@code publishers} events:
 * {@code {"id":..,"display":..,"streams":[{"type":"audio","mindex":0,"mid":"0","codec":"opus"},..]}}. The same
 * stream objects are what {@code add_remote_publisher} expects.
 */
public record Feed(String id, String display, List<Stream> streams) {

  /** One published m-line. */
  public record Stream(String type, int mindex, String mid, String codec) {

    JsonObject toJson() {
      JsonObject s = new JsonObject().put("type", type).put("mindex", mindex).put("mid", mid);
      if (codec != null) {
        s.put("codec", codec);
      }
      return s;
    }
  }

  public Feed {
    streams = List.copyOf(streams);
  }

  static Feed of(JsonObject p) {
    List<Stream> streams = new ArrayList<>();
    JsonArray array = p.getJsonArray("streams", new JsonArray());
    for (int i = 0; i < array.size(); i++) {
      JsonObject s = array.getJsonObject(i);
      if (!s.getBoolean("disabled", false)) {
        streams.add(new Stream(s.getString("type"), s.getInteger("mindex", i), s.getString("mid"),
            s.getString("codec")));
      }
    }
    return new Feed(String.valueOf(p.getValue("id")), p.getString("display", ""), streams);
  }

  JsonArray streamsJson() {
    JsonArray array = new JsonArray();
    streams.forEach(s -> array.add(s.toJson()));
    return array;
  }
}
