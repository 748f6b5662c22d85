package org.plenum.server.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Runs one kind of socket command. {@code C} is the command's typed fields (a record that validates itself); the
 * result is the reply ({@code {"type":"ack",...}}, see {@link Acks}); a failed future becomes an {@code error} reply.
 */
@FunctionalInterface
public interface CommandHandler<C> {
  Future<JsonObject> handle(Connection connection, C command);
}
