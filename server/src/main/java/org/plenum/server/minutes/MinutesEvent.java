package org.plenum.server.minutes;

import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.ledger.Audience;

/**
 * The minutes' steps, each a ledger event (docs/protocol.md §16). Drafts and approval are for the people running the
 * meeting (MN5); the chair's signature, which completes the minutes, is for everyone.
 */
public sealed interface MinutesEvent extends DomainEvent {
  /** MN3: the secretary changed the texts; {@code edits} counts the changes so far. */
  @EventType("minutes.edited")
  record Edited(int edits) implements MinutesEvent {
    @Override
    public Audience audience() {
      return Audience.RUNNERS;
    }
  }

  /** MN4: the chair approved; the PDF is frozen; its SHA-256 and the ledger head it was built from. */
  @EventType("minutes.approved")
  record Approved(String sha256, String language, long ledgerSeq, String ledgerHash) implements MinutesEvent {
    @Override
    public Audience audience() {
      return Audience.RUNNERS;
    }
  }

  /** MN6: a signature was added ({@code role} SECRETARY then CHAIR); {@code sha256} of the signed revision; {@code state} after it. */
  @EventType("minutes.signed")
  record Signed(String role, String signer, String sha256, MinutesState state, Audience audience) implements MinutesEvent {}
}
