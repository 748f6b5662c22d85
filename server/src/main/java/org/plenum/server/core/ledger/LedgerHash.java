package org.plenum.server.core.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The hash chain: {@code hash = SHA-256(prevHash ‖ meetingId ‖ seq ‖ type ‖ audience ‖ actor ‖ at ‖ data)}, each
 * text field length-prefixed. The first event of a meeting chains to 32 zero bytes.
 */
public final class LedgerHash {
  public static final byte[] GENESIS = new byte[32];

  private LedgerHash() {}

  public static byte[] compute(byte[] prevHash, UUID meetingId, long seq, String type, String audience, UUID actor, OffsetDateTime at,
                               String data) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(prevHash);
      field(d, meetingId.toString());
      d.update(ByteBuffer.allocate(8).putLong(seq).array());
      field(d, type);
      field(d, audience);
      field(d, actor == null ? "" : actor.toString());
      field(d, at.toInstant().toString());
      field(d, data);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void field(MessageDigest d, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    d.update(ByteBuffer.allocate(4).putInt(b.length).array());
    d.update(b);
  }
}
