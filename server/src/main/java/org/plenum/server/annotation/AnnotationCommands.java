package org.plenum.server.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.plenum.server.core.Connection;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.JsonBodies;

/** The annotation socket commands (docs/protocol.md §14): their fields, and {@code annotation.push} run op by op. */
final class AnnotationCommands {
  private final AnnotationService service;
  private final AnnotationReads reads;
  private final int maxOps;

  AnnotationCommands(AnnotationService service, AnnotationReads reads, int maxOps) {
    this.service = service;
    this.reads = reads;
    this.maxOps = maxOps;
  }

  /** {@code annotation.push}: 1 to {@code annotations.max_ops_per_push} operations. */
  record Push(JsonNode ops) {
    Push {
      JsonBodies.requiredValue(ops, "ops");
      if (!ops.isArray() || ops.isEmpty()) {
        throw PlenumException.badMessage("Field 'ops' must be a list of 1 or more operations.");
      }
    }
  }

  /** {@code annotation.sync}: one document's annotations changed after meeting seq {@code after} (null: all). */
  record Sync(String documentId, Long after) {
    Sync {
      JsonBodies.required(documentId, "documentId", 64);
      if (after != null && after < 0) {
        throw PlenumException.badMessage("Field 'after' must be a seq (0 or more) or null.");
      }
    }
  }

  /**
   * AN4: each operation checked and applied on its own, in order; the ack lists every result ({@code seq} or
   * {@code code} and {@code message}) and carries the seq of the last accepted one.
   */
  Future<JsonObject> push(Connection c, Push p) {
    if (p.ops().size() > maxOps) {
      throw new PlenumException(ErrorCode.PAYLOAD_TOO_LARGE, "One push carries at most " + maxOps + " operations "
          + "(annotations.max_ops_per_push); send the rest in another.");
    }
    List<JsonNode> ops = new ArrayList<>();
    p.ops().forEach(ops::add);
    JsonArray results = new JsonArray();
    return next(c, ops, 0, results, null).map(last -> new JsonObject().put("type", "ack").put("seq", last).put("results", results));
  }

  private Future<Long> next(Connection c, List<JsonNode> ops, int i, JsonArray results, Long last) {
    if (i == ops.size()) {
      return Future.succeededFuture(last);
    }
    JsonNode node = ops.get(i);
    JsonObject result = new JsonObject().put("id", textOf(node, "id")).put("stamp", node.has("stamp") ? Trees.vertx(node.get("stamp")) : null);
    Future<Long> applied;
    try {
      AnnotationOp op = AnnotationJson.readFromClient(node, "ops[" + i + "]", c.actor().accountId());
      applied = service.apply(c.actor(), c.meeting(), op);
    } catch (PlenumException e) {
      applied = Future.failedFuture(e);
    }
    return applied.transform(ar -> {
      if (ar.succeeded()) {
        results.add(result.put("seq", ar.result()));
        return next(c, ops, i + 1, results, ar.result());
      }
      if (ar.cause() instanceof PlenumException e) {
        results.add(result.put("code", e.code().name()).put("message", e.getMessage()));
        return next(c, ops, i + 1, results, last);
      }
      return Future.failedFuture(ar.cause());
    });
  }

  private static String textOf(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && v.asText().length() <= 64 ? v.asText() : null;
  }

  Future<JsonObject> sync(Connection c, Sync s) {
    return reads.sync(c.actor(), c.meeting(), JsonBodies.uuid(s.documentId(), "documentId"), s.after());
  }
}
