package org.plenum.server.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;

/** From the pure part's Jackson trees to the wire's Vert.x JSON objects. */
final class Trees {
  private Trees() {}

  static JsonObject vertx(JsonNode node) {
    return new JsonObject(node.toString());
  }
}
