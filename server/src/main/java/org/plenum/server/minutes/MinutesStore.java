package org.plenum.server.minutes;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.db.Tx;

/** The minutes' storage: one row per meeting, its signatures in order. */
public interface MinutesStore {
  /** A signature as stored: who, in which role, when, the hash of the revision it produced, the signer's certificate (PEM). */
  record Signature(int position, UUID signer, String role, String signedAt, byte[] pdfSha256, String certificate) {}

  /** The minutes of a meeting; {@code pdf} only in {@link #pdf}. */
  record Stored(MinutesState state, JsonObject texts, int edits, String language, byte[] finalSha256, byte[] pdfSha256, UUID approvedBy,
             String approvedAt, List<Signature> signatures) {}

  /** The row, created as an empty DRAFT when missing, locked for the rest of {@code tx}. */
  Future<Stored> lock(Tx tx, MeetingId meeting);

  /** The row, or empty when nobody has touched the minutes yet. */
  Future<Optional<Stored>> find(Tx tx, MeetingId meeting);

  /** Replaces the texts of a DRAFT (CONFLICT otherwise); returns the new edit count. */
  Future<Integer> saveTexts(Tx tx, MeetingId meeting, JsonObject texts);

  /** DRAFT → FINAL with the frozen PDF (CONFLICT when not a DRAFT). */
  Future<Void> approve(Tx tx, MeetingId meeting, UUID by, String language, byte[] pdf, byte[] sha256);

  /** A signed revision replaces the PDF; the signature is recorded at {@code position} (CONFLICT when taken); the state moves to {@code state}. */
  Future<Void> sign(Tx tx, MeetingId meeting, MinutesState state, byte[] pdf, byte[] sha256, Signature signature);

  /** The stored PDF (FINAL or later); empty while DRAFT. */
  Future<Optional<byte[]>> pdf(Tx tx, MeetingId meeting);
}
