package org.plenum.server.annotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.plenum.server.core.error.PlenumException;

/**
 * The JSON of annotations (Jackson trees; the gateway turns them into frames): operations as clients push them
 * and as they are stored, annotations as a viewer sees them, and replica states in a canonical form (keys sorted at
 * every level) whose bytes are equal on replicas that hold the same state.
 *
 * <p>An operation: {@code {"op":"create"|"edit"|"erase"|"moderate","id":…,"stamp":{"ms","c","device"}, …}} —
 * create: {@code placement}, {@code style}, {@code visibility}, {@code text} (notes); edit: any of those, with
 * {@code text} as {@code {"value","replaces":[stamps]}}; moderate: {@code moderation}. From a client it has no
 * {@code by} (the server knows who sent it); stored, it has.
 */
public final class AnnotationJson {
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
  private AnnotationJson() {}

  // ---- operations

  public static ObjectNode write(AnnotationOp op) {
    ObjectNode node = ValueJson.NODES.objectNode();
    node.put("id", op.id().toString()).put("by", op.by().toString()).set("stamp", ValueJson.stamp(op.stamp()));
    if (op instanceof AnnotationOp.Create c) {
      node.put("op", "create");
      node.set("placement", ValueJson.placement(c.placement()));
      node.set("style", ValueJson.style(c.style()));
      node.set("visibility", ValueJson.visibility(c.visibility(), true));
      c.text().ifPresent(t -> node.put("text", t));
    } else if (op instanceof AnnotationOp.Edit e) {
      node.put("op", "edit");
      e.placement().ifPresent(p -> node.set("placement", ValueJson.placement(p)));
      e.style().ifPresent(s -> node.set("style", ValueJson.style(s)));
      e.visibility().ifPresent(v -> node.set("visibility", ValueJson.visibility(v, true)));
      e.text().ifPresent(t -> node.putObject("text").put("value", t.text())
          .set("replaces", ValueJson.array(new TreeSet<>(t.replaces()), ValueJson::stamp)));
    } else if (op instanceof AnnotationOp.Erase) {
      node.put("op", "erase");
    } else if (op instanceof AnnotationOp.Moderate m) {
      node.put("op", "moderate").put("moderation", m.moderation().name());
    }
    return node;
  }

  /** An operation pushed by a client: {@code by} is the socket's account, and the frame must not carry one. */
  public static AnnotationOp readFromClient(JsonNode node, String path, UUID by) {
    JsonFields f = JsonFields.of(node, path);
    if (f.has("by")) {
      throw PlenumException.badMessage("Unknown field '" + f.at("by") + "'.");
    }
    return read(f, by);
  }

  /** An operation as {@link #write} stored it. */
  public static AnnotationOp readStored(JsonNode node) {
    JsonFields f = JsonFields.of(node, "");
    return read(f, f.uuid("by"));
  }

  private static AnnotationOp read(JsonFields f, UUID by) {
    String kind = f.text("op");
    AnnotationId id = new AnnotationId(JsonFields.uuid(f.required("id"), f.at("id")));
    Stamp stamp = ValueJson.stamp(f.required("stamp"), f.at("stamp"));
    AnnotationOp op = switch (kind) {
      case "create" -> new AnnotationOp.Create(id, by, stamp, ValueJson.placement(f.required("placement"),
          f.at("placement")), ValueJson.style(f.required("style"), f.at("style")),
          ValueJson.visibility(f.required("visibility"), f.at("visibility")), f.optionalText("text"));
      case "edit" -> new AnnotationOp.Edit(id, by, stamp,
          f.optional("placement").map(v -> ValueJson.placement(v, f.at("placement"))),
          f.optional("style").map(v -> ValueJson.style(v, f.at("style"))),
          f.optional("visibility").map(v -> ValueJson.visibility(v, f.at("visibility"))),
          f.optional("text").map(v -> noteEdit(v, f.at("text"))));
      case "erase" -> new AnnotationOp.Erase(id, by, stamp);
      case "moderate" -> new AnnotationOp.Moderate(id, by, stamp, f.choice("moderation", Moderation.class));
      default -> throw PlenumException.badMessage("'" + f.at("op") + "' cannot be '" + kind + "'.");
    };
    f.end();
    return op;
  }

  private static AnnotationOp.NoteEdit noteEdit(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    String text = f.text("value");
    List<Stamp> replaces = ValueJson.list(f, "replaces", ValueJson::stamp);
    f.end();
    return new AnnotationOp.NoteEdit(text, new HashSet<>(replaces));
  }

  // ---- what a viewer sees

  /**
   * An annotation for {@code viewer}, who must be allowed to see it ({@link Annotation#visibleTo}): the named
   * people of a {@code PEOPLE} visibility only for the author.
   */
  public static ObjectNode view(Annotation a, Viewer viewer) {
    if (!a.visibleTo(viewer)) {
      throw new IllegalArgumentException("annotation " + a.id() + " is not visible to " + viewer.accountId());
    }
    ObjectNode node = ValueJson.NODES.objectNode();
    node.put("id", a.id().toString()).put("author", a.author().toString()).put("kind", a.kind().name());
    node.set("placement", ValueJson.placement(a.placement()));
    node.set("style", ValueJson.style(a.style()));
    node.set("visibility", ValueJson.visibility(a.visibility(), viewer.is(a.author())));
    if (a.kind() == AnnotationKind.NOTE) {
      node.set("texts", ValueJson.array(a.noteTexts(),
          v -> ValueJson.NODES.objectNode().put("text", v.text()).set("stamp", ValueJson.stamp(v.stamp()))));
    }
    node.put("moderation", a.moderation().name());
    node.set("created", ValueJson.stamp(a.created()));
    node.set("updated", ValueJson.stamp(a.updated()));
    return node;
  }

  // ---- replica state, canonical

  public static ObjectNode state(AnnotationState s) {
    ObjectNode node = ValueJson.NODES.objectNode().put("id", s.id().toString());
    register(node, "author", s.author(), id -> ValueJson.NODES.textNode(id.toString()));
    register(node, "placement", s.placement(), ValueJson::placement);
    register(node, "style", s.style(), ValueJson::style);
    register(node, "visibility", s.visibility(), v -> ValueJson.visibility(v, true));
    register(node, "moderation", s.moderation(), m -> ValueJson.NODES.textNode(m.name()));
    register(node, "erased", s.erased(), id -> ValueJson.NODES.textNode(id.toString()));
    if (!s.text().isEmpty()) {
      ObjectNode text = node.putObject("text");
      text.set("live", ValueJson.array(s.text().live().entrySet(),
          e -> ValueJson.NODES.objectNode().put("text", e.getValue()).set("stamp", ValueJson.stamp(e.getKey()))));
      text.set("replaced", ValueJson.array(s.text().replaced(), ValueJson::stamp));
    }
    return node;
  }

  /** Every state, by id, as canonical JSON text. */
  public static String canonical(Collection<AnnotationState> states) {
    ArrayNode all = ValueJson.NODES.arrayNode();
    states.stream().sorted(Comparator.comparing(AnnotationState::id)).forEach(s -> all.add(state(s)));
    return canonicalText(all);
  }

  /** The canonical text of one field value: the tie-break between two values written under the same stamp. */
  static String valueText(Object value) {
    JsonNode node;
    if (value instanceof Placement p) {
      node = ValueJson.placement(p);
    } else if (value instanceof Style s) {
      node = ValueJson.style(s);
    } else if (value instanceof Visibility v) {
      node = ValueJson.visibility(v, true);
    } else {
      node = ValueJson.NODES.textNode(String.valueOf(value));
    }
    return canonicalText(node);
  }

  /** JSON text with the keys of every object in text order (Jackson's sorted node output). */
  static String canonicalText(JsonNode node) {
    try {
      return CANONICAL.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written", e);
    }
  }

  private static <T> void register(ObjectNode node, String name, Register<T> register, Function<T, JsonNode> write) {
    if (register != null) {
      ObjectNode field = node.putObject(name);
      field.set("value", write.apply(register.value()));
      field.set("stamp", ValueJson.stamp(register.stamp()));
    }
  }
}
