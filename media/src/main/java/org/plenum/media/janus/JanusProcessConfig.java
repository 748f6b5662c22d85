package org.plenum.media.janus;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link JanusProcess} writes into its project-owned config folder (templates in
 * {@code media/src/main/resources/janus/}). A port of 0 means "pick a free port when first started"; a restart keeps
 * the ports it picked.
 *
 * @param folder         folder that receives the generated {@code *.jcfg}, {@code janus.log} and {@code janus.out}
 * @param bindIp         address of the HTTP API, Admin API and WebSocket transports ({@code ip}, {@code admin_ip},
 *                       {@code ws_ip}); 127.0.0.1 by default so no secret-bearing API is reachable from outside
 * @param httpPort       plain HTTP Janus API ({@code /janus}, also {@code GET /janus/info})
 * @param wsPort         WebSocket Janus API (subprotocol {@code janus-protocol})
 * @param adminPort      plain HTTP Admin API ({@code /admin})
 * @param apiSecret      {@code api_secret}: every Janus API request must carry {@code "apisecret"}
 * @param adminSecret    {@code admin_secret}: every Admin API request must carry {@code "admin_secret"}
 * @param iceEnforceList {@code nat.ice_enforce_list}: interfaces/addresses used for ICE candidates (e.g. "va", a
 *                       veth inside a test network namespace); empty = all interfaces
 * @param rtpPortRange   {@code media.rtp_port_range}, "min-max"
 * @param janusLibDir    where Debian installs the plugins/transports ({@code .../janus/plugins} etc.)
 * @param debugLevel     0..7 (4 = info)
 * @param serverName     {@code server_name}, shown by {@code /janus/info}
 */
public record JanusProcessConfig(Path folder, String bindIp, int httpPort, int wsPort, int adminPort,
                                 String apiSecret, String adminSecret, Optional<String> iceEnforceList,
                                 String rtpPortRange, Path janusLibDir, int debugLevel, String serverName) {

  public static final Path DEBIAN_LIB_DIR = Path.of("/usr/lib/x86_64-linux-gnu/janus");

  public JanusProcessConfig {
    if (apiSecret == null || apiSecret.isBlank() || adminSecret == null || adminSecret.isBlank()) {
      throw new IllegalArgumentException("Janus api_secret and admin_secret must be set");
    }
    if (!rtpPortRange.matches("\\d+-\\d+")) {
      throw new IllegalArgumentException("rtp port range must be min-max, got '" + rtpPortRange + "'");
    }
    for (String s : new String[] {bindIp, apiSecret, adminSecret, rtpPortRange, serverName, iceEnforceList.orElse("")}) {
      if (s.contains("\"") || s.contains("\\") || s.contains("\n")) {
        throw new IllegalArgumentException("Janus config values may not contain quotes, backslashes or newlines");
      }
    }
  }

  /** Loopback, free ports, Debian library folder, info-level log, no ICE restriction, RTP 20000-40000. */
  public static JanusProcessConfig loopback(Path folder, String apiSecret, String adminSecret) {
    return new JanusProcessConfig(folder, "127.0.0.1", 0, 0, 0, apiSecret, adminSecret, Optional.empty(),
        "20000-40000", DEBIAN_LIB_DIR, 4, "plenum-janus");
  }

  public JanusProcessConfig withPorts(int http, int ws, int admin) {
    return new JanusProcessConfig(folder, bindIp, http, ws, admin, apiSecret, adminSecret, iceEnforceList,
        rtpPortRange, janusLibDir, debugLevel, serverName);
  }

  public JanusProcessConfig withBindIp(String ip) {
    return new JanusProcessConfig(folder, ip, httpPort, wsPort, adminPort, apiSecret, adminSecret, iceEnforceList,
        rtpPortRange, janusLibDir, debugLevel, serverName);
  }

  public JanusProcessConfig withIceEnforceList(String interfaces) {
    return new JanusProcessConfig(folder, bindIp, httpPort, wsPort, adminPort, apiSecret, adminSecret,
        Optional.of(interfaces), rtpPortRange, janusLibDir, debugLevel, serverName);
  }

  public JanusProcessConfig withRtpPortRange(int min, int max) {
    return new JanusProcessConfig(folder, bindIp, httpPort, wsPort, adminPort, apiSecret, adminSecret, iceEnforceList,
        min + "-" + max, janusLibDir, debugLevel, serverName);
  }

  public JanusProcessConfig withServerName(String name) {
    return new JanusProcessConfig(folder, bindIp, httpPort, wsPort, adminPort, apiSecret, adminSecret, iceEnforceList,
        rtpPortRange, janusLibDir, debugLevel, name);
  }
}
