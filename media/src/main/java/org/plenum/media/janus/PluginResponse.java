package org.plenum.media.janus;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The final answer to a plugin {@code message}: the synchronous {@code success} or, after an {@code ack}, the
 * {@code event} carrying the same transaction. {@code data} is {@code plugindata.data}; errors in it
 * ({@code error_code}) never reach here: they fail the future with a {@link JanusException} of source PLUGIN.
 */
public record PluginResponse(JsonObject data, Optional<JsonObject> jsep) {
}
