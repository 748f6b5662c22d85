package org.plenum.media.janus;

/**
 * Janus refused a request. Two sources, with their own code spaces:
 * <ul>
 *   <li>{@link Source#CORE}: {@code {"janus":"error","error":{"code":403,"reason":"Unauthorized request (wrong or
 *       missing secret/token)"}}}. Codes seen in 1.1.2: 403 unauthorized (wrong {@code apisecret} or
 *       {@code admin_secret}), 458 no such session, 459 no such handle, 460 no such plugin, 456 missing mandatory
 *       element, 454/455 invalid JSON / element type.</li>
 *   <li>{@link Source#PLUGIN}: a {@code success} or {@code event} whose {@code plugindata.data} carries
 *       {@code error_code}/{@code error}. VideoRoom 1.1.2: 423 unknown request, 426 no such room, 427 room exists,
 *       428 no such user/stream/remotization, 430 only local publishers can be remotized, 433 unauthorized (wrong
 *       room secret/pin, not in the allowed list).</li>
 * </ul>
 * An expected failure: no stack trace.
 */
public final class JanusException extends RuntimeException {

  /** Who produced the error. */
  public enum Source { CORE, PLUGIN }

  /** Janus core: wrong or missing {@code apisecret} / {@code admin_secret}. */
  public static final int UNAUTHORIZED = 403;
  /** Janus core: the session does not exist (expired, or created on a connection that closed). */
  public static final int NO_SUCH_SESSION = 458;
  /** Janus core: the handle does not exist. */
  public static final int NO_SUCH_HANDLE = 459;
  /** Janus core: {@code attach} to a plugin package that is not loaded. */
  public static final int NO_SUCH_PLUGIN = 460;

  private final Source source;
  private final int code;

  public JanusException(Source source, int code, String reason) {
    super("Janus " + source.name().toLowerCase() + " error " + code + ": " + reason, null, false, false);
    this.source = source;
    this.code = code;
  }

  public Source source() {
    return source;
  }

  public int code() {
    return code;
  }
}
