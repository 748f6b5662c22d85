package org.plenum.server.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

/**
 * Strict reading of one JSON object (protocol rule P2): a missing required field, a field of the wrong type or an
 * unknown field is {@code BAD_MESSAGE}, naming the field by its path. A JSON null counts as absent.
 */
final class JsonFields {
  private final JsonNode node;
  private final String path;
  private final Set<String> read = new HashSet<>();

  private JsonFields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static JsonFields of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw bad(path, "an object");
    }
    return new JsonFields(node, path);
  }

  Optional<JsonNode> optional(String name) {
    read.add(name);
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  JsonNode required(String name) {
    return optional(name).orElseThrow(() -> PlenumException.badMessage("'" + at(name) + "' is missing."));
  }

  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  String text(String name) {
    return text(required(name), at(name));
  }

  Optional<String> optionalText(String name) {
    return optional(name).map(v -> text(v, at(name)));
  }

  int integer(String name) {
    JsonNode v = required(name);
    if (!v.isInt()) {
      throw bad(at(name), "a whole number");
    }
    return v.intValue();
  }

  long longInteger(String name) {
    JsonNode v = required(name);
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw bad(at(name), "a whole number");
    }
    return v.longValue();
  }

  double number(String name) {
    return number(required(name), at(name));
  }

  UUID uuid(String name) {
    return uuid(required(name), at(name));
  }

  JsonFields object(String name) {
    return of(required(name), at(name));
  }

  JsonNode array(String name) {
    return array(required(name), at(name));
  }

  <E extends Enum<E>> E choice(String name, Class<E> type) {
    String value = text(name);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw PlenumException.badMessage("'" + at(name) + "' cannot be '" + value + "'.");
    }
  }

  /** Ends the reading: any field not asked for is unknown. */
  void end() {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!read.contains(name)) {
        throw PlenumException.badMessage("Unknown field '" + at(name) + "'.");
      }
    }
  }

  String at(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String text(JsonNode v, String path) {
    if (!v.isTextual()) {
      throw bad(path, "text");
    }
    return v.textValue();
  }

  static double number(JsonNode v, String path) {
    if (!v.isNumber()) {
      throw bad(path, "a number");
    }
    return v.doubleValue();
  }

  static UUID uuid(JsonNode v, String path) {
    try {
      return UUID.fromString(text(v, path));
    } catch (IllegalArgumentException e) {
      throw bad(path, "a UUID");
    }
  }

  static JsonNode array(JsonNode v, String path) {
    if (!v.isArray()) {
      throw bad(path, "a list");
    }
    return v;
  }

  /** A list of exactly {@code size} numbers. */
  static double[] numbers(JsonNode v, int size, String path) {
    if (!v.isArray() || v.size() != size) {
      throw bad(path, "a list of " + size + " numbers");
    }
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = number(v.get(i), path + "[" + i + "]");
    }
    return out;
  }

  static PlenumException bad(String path, String expected) {
    return PlenumException.badMessage("'" + path + "' must be " + expected + ".");
  }
}
