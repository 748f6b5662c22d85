package org.plenum.server.config;

import java.time.Duration;

/**
 * Remote rooms: how large one CSV import may be (rows and bytes), how long a room credential lives when the chair
 * gives no {@code ttl} and at most, and how long the access token a kiosk gets for its KIOSK credential lives.
 */
public record RoomsConfig(int importMaxRows, int importMaxBytes, Duration credentialTtl, Duration credentialMaxTtl,
                          Duration kioskAccessTtl) {

  static RoomsConfig from(Settings s) {
    var c = new RoomsConfig(
        s.integer("rooms.import_max_rows", 1, 100_000),
        s.integer("rooms.import_max_bytes", 1024, 64 * 1024 * 1024),
        s.duration("rooms.credential_ttl", Duration.ofSeconds(1), Duration.ofDays(365)),
        s.duration("rooms.credential_max_ttl", Duration.ofSeconds(1), Duration.ofDays(365)),
        s.duration("rooms.kiosk_access_ttl", Duration.ofSeconds(10), Duration.ofHours(24)));
    if (c.credentialTtl().compareTo(c.credentialMaxTtl()) > 0) {
      throw s.invalidValue("rooms.credential_ttl", s.string("rooms.credential_ttl"),
          "at most rooms.credential_max_ttl (" + s.string("rooms.credential_max_ttl") + ")");
    }
    return c;
  }
}
