package org.plenum.media.janus;

import java.time.Duration;

/**
 * Settings of one {@link JanusClient}.
 *
 * @param wsUrl             Janus WebSocket API, e.g. {@code ws://127.0.0.1:8188/}
 * @param apiSecret         sent as {@code "apisecret"} on every request
 * @param requestTimeout    default deadline of a request (create, attach, message, ...)
 * @param keepAlive         interval of the per-session {@code keepalive}; must stay well below Janus'
 *                          {@code session_timeout} (60 s)
 * @param reconnectMin      first reconnect delay after the connection is lost; doubles per failed attempt
 * @param reconnectMax      upper bound of the reconnect delay
 */
public record JanusClientOptions(String wsUrl, String apiSecret, Duration requestTimeout, Duration keepAlive,
                                 Duration reconnectMin, Duration reconnectMax) {

  public JanusClientOptions {
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
  }

  /** 5 s deadline, keep-alive every 25 s, reconnect after 100 ms doubling up to 5 s. */
  public static JanusClientOptions of(String wsUrl, String apiSecret) {
    return new JanusClientOptions(wsUrl, apiSecret, Duration.ofSeconds(5), Duration.ofSeconds(25),
        Duration.ofMillis(100), Duration.ofSeconds(5));
  }

  public JanusClientOptions withRequestTimeout(Duration timeout) {
    return new JanusClientOptions(wsUrl, apiSecret, timeout, keepAlive, reconnectMin, reconnectMax);
  }

  public JanusClientOptions withKeepAlive(Duration interval) {
    return new JanusClientOptions(wsUrl, apiSecret, requestTimeout, interval, reconnectMin, reconnectMax);
  }
}
