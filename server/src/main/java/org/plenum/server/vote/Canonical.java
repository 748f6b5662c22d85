package org.plenum.server.vote;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Canonical JSON (rule T4): keys sorted at every level; callers write decimals as plain strings. */
final class Canonical {
  private Canonical() {}

  static String encode(JsonObject object) {
    return ((JsonObject) sorted(object)).encode();
  }

  @SuppressWarnings("unchecked")
  private static Object sorted(Object value) {
    if (value instanceof JsonObject o) {
      return sortedMap(o.getMap());
    }
    if (value instanceof Map<?, ?> m) {
      return sortedMap((Map<String, Object>) m);
    }
    if (value instanceof JsonArray a) {
      return sortedList(a.getList());
    }
    if (value instanceof List<?> l) {
      return sortedList(l);
    }
    return value;
  }

  private static JsonObject sortedMap(Map<String, Object> map) {
    TreeMap<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, sorted(v)));
    return new JsonObject(out);
  }

  private static JsonArray sortedList(List<?> list) {
    List<Object> out = new ArrayList<>(list.size());
    list.forEach(v -> out.add(sorted(v)));
    return new JsonArray(out);
  }
}
