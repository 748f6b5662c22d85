package org.plenum.server.annotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;

/** Between the pure part's Jackson trees and the wire's Vert.x JSON objects. */
final class Trees {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Trees() {}

  static JsonObject vertx(JsonNode node) {
    return new JsonObject(node.toString());
  }

  static JsonNode jackson(JsonObject object) {
    return jackson(object.encode());
  }

  static JsonNode jackson(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON", e);
    }
  }
}
