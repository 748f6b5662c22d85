package org.plenum.media.agent;

import java.util.List;
import java.util.Objects;

/**
 * One room agent: its name (logs, track ids), the identity code its synthetic video carries (see
 * {@link IdentityPattern}), the format it publishes in, and optional TURN servers.
 */
public record RoomAgentConfig(String name, int identityCode, VideoFormat format, List<TurnServer> turnServers) {

  public RoomAgentConfig {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_-]{1,40}")) {
      throw new IllegalArgumentException("agent name must be 1..40 letters, digits, '-' or '_', was '" + name + "'");
    }
    if (identityCode < 0 || identityCode > IdentityPattern.MAX_CODE) {
      throw new IllegalArgumentException("identity code must be within 0.." + IdentityPattern.MAX_CODE + ", was " + identityCode);
    }
    Objects.requireNonNull(format, "format");
    turnServers = List.copyOf(turnServers);
  }

  /** An agent with the small default format and no TURN server. */
  public static RoomAgentConfig of(String name, int identityCode) {
    return new RoomAgentConfig(name, identityCode, VideoFormat.SMALL, List.of());
  }
}
