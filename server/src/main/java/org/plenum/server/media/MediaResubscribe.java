package org.plenum.server.media;

import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/**
 * MV31: sent to one socket only ({@link org.plenum.server.core.Connection#tell}), never stored: its following
 * subscription {@code subscriptionId} could not be switched to {@code feedId} ({@code code} and {@code message} in the
 * error vocabulary) and no longer follows the floor; the client subscribes again.
 */
@EventType("media.resubscribe")
record MediaResubscribe(String subscriptionId, String feedId, String code, String message) implements DomainEvent {
  static MediaResubscribe of(String subscriptionId, String feedId, Throwable cause) {
    if (cause instanceof PlenumException pe) {
      return new MediaResubscribe(subscriptionId, feedId, pe.code().name(), pe.getMessage());
    }
    return new MediaResubscribe(subscriptionId, feedId, ErrorCode.INTERNAL.name(), "The subscription could not follow the floor.");
  }
}
