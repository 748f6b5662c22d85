package org.plenum.server.vote;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import org.plenum.server.core.error.PlenumException;

/** What anyone can check on a {@link PublishedResult} (rules A3–A5); no server state needed. */
public final class Audit {
  private Audit() {}

  /** A3: exactly one entry has this receipt (as typed, R2) and it records {@code expected}. */
  public static boolean verifyReceipt(PublishedResult published, String receipt, Choice expected) {
    if (!Receipts.isReceipt(receipt) || expected == null) {
      return false;
    }
    String code = Receipts.normalize(receipt);
    var matches = published.entries().stream().filter(e -> e.receipt().equals(code)).toList();
    return matches.size() == 1 && matches.get(0).choice().equals(expected);
  }

  /** A4: the entries counted again under the published spec and turnout; INVALID_BALLOT if an entry does not fit. */
  public static PollResult recount(PublishedResult published) {
    return Tally.count(published.spec(), published.result().turnout(),
        published.entries().stream().map(PublishedResult.Entry::counted).toList());
  }

  /** A4: the recount equals the published result. */
  public static boolean isConsistent(PublishedResult published) {
    try {
      return recount(published).equals(published.result());
    } catch (PlenumException e) {
      return false;
    }
  }

  /** A5: the signature is valid for this key over the canonical bytes, with the algorithm that key implies. */
  public static boolean verifySignature(PublishedResult published, PublicKey key) {
    try {
      if (!PublishedResult.algorithmFor(key).equals(published.algorithm())) {
        return false;
      }
      Signature s = Signature.getInstance(published.algorithm());
      s.initVerify(key);
      s.update(published.canonicalBytes());
      return s.verify(Base64.getDecoder().decode(published.signature()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
