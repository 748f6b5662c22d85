package org.plenum.server.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.plenum.server.core.UserText;
import org.plenum.server.core.error.PlenumException;

/**
 * Strict JSON → record parsing for request bodies: unknown fields, duplicate keys, wrong types (no "1" for 1),
 * missing required fields and malformed JSON all fail with BAD_MESSAGE naming the field.
 */
public final class JsonBodies {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .withCoercionConfig(LogicalType.Textual, c -> c
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .withCoercionConfig(LogicalType.Boolean, c -> c
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
      .withCoercionConfig(LogicalType.Integer, c -> c
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("plenum-user-text").addDeserializer(String.class, new CheckedString()))
      .build();

  /** TX1: every string bound into a request or command record is checked by {@link UserText#check}. */
  private static final class CheckedString extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;

    CheckedString() {
      super(String.class);
    }

    @Override
    public String deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
        throws IOException {
      String value = com.fasterxml.jackson.databind.deser.std.StringDeserializer.instance.deserialize(p, ctxt);
      return UserText.check(p.currentName(), value);
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.Textual;
    }
  }

  private JsonBodies() {}

  /** Parses text to a JSON tree, strictly (duplicate keys, trailing content and bad syntax are BAD_MESSAGE). */
  public static com.fasterxml.jackson.databind.JsonNode tree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String m = e.getOriginalMessage();
      if (m != null && m.startsWith("Duplicate field")) {
        throw PlenumException.badMessage(m + ".");
      }
      throw PlenumException.badMessage("The message is not valid JSON.");
    }
  }

  /** Maps a JSON object to a record with the same strict rules as request bodies. */
  public static <T> T convert(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
    try {
      return map(() -> MAPPER.treeToValue(node, type));
    } catch (IOException e) {
      throw PlenumException.badMessage("The message cannot be read.");
    }
  }

  private interface Reader<T> {
    T read() throws IOException;
  }

  public static <T> T read(Buffer body, Class<T> type) {
    if (body == null || body.length() == 0) {
      throw PlenumException.badMessage("The request needs a JSON body.");
    }
    try {
      return map(() -> MAPPER.readValue(body.getBytes(), type));
    } catch (IOException e) {
      throw PlenumException.badMessage("The request body cannot be read.");
    }
  }

  private static <T> T map(Reader<T> reader) throws IOException {
    try {
      T value;
      try {
        value = reader.read();
      } catch (JsonMappingException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
          if (c instanceof PlenumException p) {
            throw p;
          }
        }
        throw e;
      }
      if (value == null) {
        throw PlenumException.badMessage("The request body must be a JSON object, not null.");
      }
      return value;
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof PlenumException p) {
        throw p;
      }
      throw PlenumException.badMessage("The request body is not valid: " + e.getOriginalMessage());
    } catch (UnrecognizedPropertyException e) {
      throw PlenumException.badMessage("Unknown field '" + e.getPropertyName() + "'.");
    } catch (InvalidFormatException e) {
      if (e.getTargetType() == null || !e.getTargetType().isEnum()) {
        throw PlenumException.badMessage("Field '" + path(e) + "' has the wrong type" + expected(e) + ".");
      }
      throw PlenumException.badMessage("Field '" + path(e) + "' has an invalid value (one of "
          + Arrays.stream(e.getTargetType().getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", ")) + ").");
    } catch (MismatchedInputException e) {
      String field = path(e);
      if (field.isEmpty() && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
        throw PlenumException.badMessage("The request body is not valid JSON: there is more after the object.");
      }
      if (field.isEmpty()) {
        throw PlenumException.badMessage("The request body must be a JSON object.");
      }
      throw PlenumException.badMessage("Field '" + field + "' has the wrong type" + expected(e) + ".");
    } catch (JsonProcessingException e) {
      String dup = e.getOriginalMessage();
      if (dup != null && dup.startsWith("Duplicate field")) {
        throw PlenumException.badMessage(dup + ".");
      }
      throw PlenumException.badMessage("The request body is not valid JSON.");
    }
  }

  private static String expected(MismatchedInputException e) {
    Class<?> t = e.getTargetType();
    if (t == null) {
      return "";
    }
    if (t == String.class) {
      return " (expected a string)";
    }
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return " (expected a whole number)";
    }
    if (t == Boolean.class || t == boolean.class) {
      return " (expected true or false)";
    }
    if (java.util.Collection.class.isAssignableFrom(t)) {
      return " (expected a list)";
    }
    return "";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  /** For records' compact constructors: a required text field. */
  public static String required(String value, String field, int maxLength) {
    if (value == null) {
      throw PlenumException.badMessage("Missing field '" + field + "'.");
    }
    if (value.isBlank()) {
      throw PlenumException.badMessage("Field '" + field + "' must not be empty.");
    }
    if (value.length() > maxLength) {
      throw PlenumException.badMessage("Field '" + field + "' is longer than " + maxLength + " characters.");
    }
    return value;
  }

  public static <T> T requiredValue(T value, String field) {
    if (value == null) {
      throw PlenumException.badMessage("Missing field '" + field + "'.");
    }
    return value;
  }

  /** A UUID field that may be absent (null); a malformed one is BAD_MESSAGE naming the field. */
  public static java.util.UUID uuid(String value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return java.util.UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw PlenumException.badMessage("Field '" + field + "' must be an id (UUID).");
    }
  }
}
