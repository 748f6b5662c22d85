package org.plenum.server.core.ledger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;

/**
 * Event records to ledger data and back: each component of the record is a field of the data under its own name
 * (in declaration order), except a component of type {@link Audience}, which travels beside the data. Supported
 * component types: String, the boxed and primitive numbers and booleans, BigDecimal (as text), UUID (as text), enums
 * (by name), List of String, JsonObject and JsonArray. A record with anything else fails when it is first used.
 */
public final class EventCodec {
  private EventCodec() {}

  private record Shape(String type, RecordComponent[] components, java.lang.reflect.Method[] accessors, Constructor<?> constructor) {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> c) {
      EventType t = c.getAnnotation(EventType.class);
      if (t == null || !c.isRecord()) {
        throw new IllegalStateException(c.getName() + " is an event but not a record with @EventType");
      }
      RecordComponent[] rc = c.getRecordComponents();
      Class<?>[] types = new Class<?>[rc.length];
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
        if (!supported(rc[i])) {
          throw new IllegalStateException(c.getName() + "." + rc[i].getName() + ": type " + rc[i].getGenericType() + " is not an event field type");
        }
      }
      try {
        Constructor<?> k = c.getDeclaredConstructor(types);
        k.setAccessible(true);
        java.lang.reflect.Method[] accessors = new java.lang.reflect.Method[rc.length];
        for (int i = 0; i < rc.length; i++) {
          accessors[i] = rc[i].getAccessor();
          accessors[i].setAccessible(true);
        }
        return new Shape(t.value(), rc, accessors, k);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  private static boolean supported(RecordComponent rc) {
    Class<?> t = rc.getType();
    return t == String.class || t == Audience.class || t == JsonObject.class || t == JsonArray.class || t == UUID.class || t.isEnum()
        || t == BigDecimal.class || t == List.class && rc.getGenericType().getTypeName().equals("java.util.List<java.lang.String>")
        || t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Boolean.class || t == boolean.class
        || t == Double.class || t == double.class;
  }

  /** The {@link EventType} of an event record class. */
  public static String typeOf(Class<?> eventClass) {
    return SHAPES.get(eventClass).type();
  }

  /** Checks that {@code eventClass} can be encoded and decoded (fails with the reason otherwise). */
  public static void check(Class<?> eventClass) {
    SHAPES.get(eventClass);
  }

  public static JsonObject encode(DomainEvent e) {
    Shape s = SHAPES.get(e.getClass());
    JsonObject out = new JsonObject();
    for (int i = 0; i < s.components().length; i++) {
      RecordComponent c = s.components()[i];
      if (c.getType() == Audience.class) {
        continue;
      }
      Object v;
      try {
        v = s.accessors()[i].invoke(e);
      } catch (IllegalAccessException | InvocationTargetException ex) {
        throw new IllegalStateException(ex);
      }
      out.put(c.getName(), toJson(v));
    }
    return out;
  }

  private static Object toJson(Object v) {
    if (v instanceof UUID || v instanceof BigDecimal) {
      return v.toString();
    }
    if (v instanceof Enum<?> en) {
      return en.name();
    }
    if (v instanceof List<?> l) {
      return new JsonArray(new ArrayList<>(l));
    }
    return v;
  }

  /** The record of {@code eventClass} that {@code data} (and {@code audience}) encode. */
  public static <E extends DomainEvent> E decode(Class<E> eventClass, JsonObject data, Audience audience) {
    Shape s = SHAPES.get(eventClass);
    Object[] args = new Object[s.components().length];
    for (int i = 0; i < args.length; i++) {
      RecordComponent c = s.components()[i];
      args[i] = c.getType() == Audience.class ? audience : fromJson(c.getType(), data.getValue(c.getName()));
    }
    try {
      return eventClass.cast(s.constructor().newInstance(args));
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException ex) {
      throw new IllegalStateException("Cannot decode " + s.type() + ": " + ex, ex);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object fromJson(Class<?> t, Object v) {
    if (t.isPrimitive()) {
      if (t == boolean.class) {
        return v != null && (Boolean) v;
      }
      Number n = v == null ? 0 : (Number) v;
      return t == int.class ? (Object) n.intValue() : t == long.class ? (Object) n.longValue() : (Object) n.doubleValue();
    }
    if (v == null) {
      return null;
    }
    if (t == UUID.class) {
      return UUID.fromString((String) v);
    }
    if (t == BigDecimal.class) {
      return new BigDecimal(v.toString());
    }
    if (t.isEnum()) {
      return Enum.valueOf((Class<Enum>) t, (String) v);
    }
    if (t == Integer.class) {
      return ((Number) v).intValue();
    }
    if (t == Long.class) {
      return ((Number) v).longValue();
    }
    if (t == Double.class) {
      return ((Number) v).doubleValue();
    }
    if (t == List.class) {
      List<String> out = new ArrayList<>();
      ((JsonArray) v).forEach(x -> out.add((String) x));
      return List.copyOf(out);
    }
    return v;
  }
}
