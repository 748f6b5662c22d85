package org.plenum.server.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * JSON of the values inside annotations: stamps, anchors, shapes, styles, visibility. Points are lists of numbers
 * ({@code [x, y]}, ink samples {@code [x, y, pressure]}, quads {@code [x1, y1, … x4, y4]} in /QuadPoints order,
 * rectangles {@code [x0, y0, x1, y1]}). Reading is strict ({@link JsonFields}); ranges are checked by
 * {@link AnnotationRules}, not here.
 */
final class ValueJson {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ValueJson() {}

  // ---- stamps

  static ObjectNode stamp(Stamp s) {
    return NODES.objectNode().put("ms", s.hlc().millis()).put("c", s.hlc().counter())
        .put("device", s.device().value());
  }

  static Stamp stamp(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    long millis = f.longInteger("ms");
    int counter = f.integer("c");
    Stamp stamp = new Stamp(new Hlc(millis, counter), new DeviceId(f.text("device")));
    f.end();
    return stamp;
  }

  // ---- placement: anchor and shape

  static ObjectNode placement(Placement p) {
    ObjectNode node = NODES.objectNode();
    Anchor a = p.anchor();
    node.putObject("anchor").put("document", a.documentId().toString()).put("version", a.version())
        .put("page", a.page());
    node.set("shape", shape(p.shape()));
    return node;
  }

  static Placement placement(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    JsonFields a = f.object("anchor");
    Anchor anchor = new Anchor(a.uuid("document"), a.integer("version"), a.integer("page"));
    a.end();
    Shape shape = shape(f.required("shape"), f.at("shape"));
    f.end();
    return new Placement(anchor, shape);
  }

  static ObjectNode shape(Shape shape) {
    ObjectNode node = NODES.objectNode().put("kind", shape.kind().name());
    if (shape instanceof Shape.Ink ink) {
      ArrayNode points = node.putArray("points");
      ink.samples().forEach(p -> points.addArray().add(p.x()).add(p.y()).add(p.pressure()));
    } else if (shape instanceof Shape.Highlight h) {
      ArrayNode quads = node.putArray("quads");
      h.quads().forEach(q -> {
        ArrayNode corners = quads.addArray();
        q.corners().forEach(c -> corners.add(c.x()).add(c.y()));
      });
      node.put("quote", h.quote());
    } else if (shape instanceof Shape.Note n) {
      node.set("at", point(n.at()));
    } else if (shape instanceof Shape.Framed f) {
      node.set("rect", rect(f.rect()));
    } else if (shape instanceof Shape.Arrow a) {
      node.set("from", point(a.from()));
      node.set("to", point(a.to()));
    }
    return node;
  }

  static Shape shape(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    Shape shape = switch (f.choice("kind", AnnotationKind.class)) {
      case INK -> new Shape.Ink(list(f, "points", (v, at) -> {
        double[] n = JsonFields.numbers(v, 3, at);
        return new InkPoint(n[0], n[1], n[2]);
      }));
      case HIGHLIGHT -> new Shape.Highlight(list(f, "quads", (v, at) -> {
        double[] n = JsonFields.numbers(v, 8, at);
        return new Quad(new Point(n[0], n[1]), new Point(n[2], n[3]), new Point(n[4], n[5]), new Point(n[6], n[7]));
      }), f.text("quote"));
      case NOTE -> new Shape.Note(point(f.required("at"), f.at("at")));
      case RECTANGLE -> new Shape.Rectangle(rect(f.required("rect"), f.at("rect")));
      case ELLIPSE -> new Shape.Ellipse(rect(f.required("rect"), f.at("rect")));
      case ARROW -> new Shape.Arrow(point(f.required("from"), f.at("from")), point(f.required("to"), f.at("to")));
    };
    f.end();
    return shape;
  }

  private static ArrayNode point(Point p) {
    return NODES.arrayNode().add(p.x()).add(p.y());
  }

  private static Point point(JsonNode v, String path) {
    double[] n = JsonFields.numbers(v, 2, path);
    return new Point(n[0], n[1]);
  }

  private static ArrayNode rect(Rect r) {
    return NODES.arrayNode().add(r.x0()).add(r.y0()).add(r.x1()).add(r.y1());
  }

  private static Rect rect(JsonNode v, String path) {
    double[] n = JsonFields.numbers(v, 4, path);
    return new Rect(n[0], n[1], n[2], n[3]);
  }

  // ---- style, visibility

  static ObjectNode style(Style s) {
    return NODES.objectNode().put("color", s.color().hex()).put("width", s.width()).put("tool", s.tool().name());
  }

  static Style style(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    Style style = new Style(Rgb.parse(f.text("color")), f.number("width"), f.choice("tool", Style.Tool.class));
    f.end();
    return style;
  }

  /** With the named people only when {@code withPeople} (the author's own view and storage). */
  static ObjectNode visibility(Visibility v, boolean withPeople) {
    ObjectNode node = NODES.objectNode().put("kind", v.kind().name());
    if (withPeople && v instanceof Visibility.People p) {
      ArrayNode people = node.putArray("people");
      p.people().forEach(id -> people.add(id.toString()));
    }
    return node;
  }

  static Visibility visibility(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    Visibility v = switch (f.choice("kind", Visibility.Kind.class)) {
      case PRIVATE -> Visibility.PRIVATE;
      case SHARED -> Visibility.SHARED;
      case PRESENTER -> Visibility.PRESENTER;
      case PEOPLE -> new Visibility.People(list(f, "people", JsonFields::uuid));
    };
    f.end();
    return v;
  }

  // ---- lists

  /** The elements of list field {@code name}, each read by {@code read(element, path)}. */
  static <T> List<T> list(JsonFields f, String name, BiFunction<JsonNode, String, T> read) {
    JsonNode array = f.array(name);
    List<T> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(read.apply(array.get(i), f.at(name) + "[" + i + "]"));
    }
    return out;
  }

  static <T> ArrayNode array(Iterable<T> values, Function<T, JsonNode> write) {
    ArrayNode out = NODES.arrayNode();
    values.forEach(v -> out.add(write.apply(v)));
    return out;
  }
}
