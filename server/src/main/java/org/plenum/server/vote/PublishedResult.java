package org.plenum.server.vote;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.plenum.server.core.error.PlenumException;

/**
 * The signed, published list of a closed poll (rules A1–A5): every ballot as (receipt, choice, weight) in shuffled
 * order, the spec and the result. Anyone can check their receipt, recount and verify the signature with
 * {@link Audit}. {@code signature} is Base64 over {@link #canonicalBytes()}; {@code algorithm} is signed too.
 */
public record PublishedResult(PollId pollId, PollSpec spec, List<Entry> entries, PollResult result, String algorithm,
                              String signature) {
  public static final String FORMAT = "plenum.poll-result.v1";
  public static final String ED25519 = "Ed25519";
  public static final String ECDSA_P256 = "SHA256withECDSA";

  /** One ballot as published: no voter, no time. */
  public record Entry(String receipt, Choice choice, BigDecimal weight) {
    public Entry {
      receipt = Receipts.normalize(receipt);
      if (choice == null || weight == null || weight.signum() <= 0) {
        throw PlenumException.badMessage("A published entry needs a choice and a weight > 0.");
      }
      weight = Decimals.normal(weight);
    }

    public CountedBallot counted() {
      return new CountedBallot(choice, weight);
    }

    JsonObject toJson() {
      return new JsonObject().put("receipt", receipt).put("choice", choice.toJson()).put("weight", Decimals.text(weight));
    }
  }

  public PublishedResult {
    if (pollId == null || spec == null || entries == null || result == null || algorithm == null || signature == null) {
      throw PlenumException.badMessage("A published result needs poll id, spec, entries, result, algorithm and signature.");
    }
    entries = List.copyOf(entries);
  }

  /**
   * A1: shuffles the entries, checks that receipts are unique and that {@code result} is their recount, and signs
   * with Ed25519 or ECDSA P-256 depending on the key. A mismatch is a bug or tampering: IllegalStateException.
   */
  public static PublishedResult publish(PollId pollId, PollSpec spec, Collection<Entry> entries, PollResult result,
                                        SecureRandom random, KeyPair keys) {
    Set<String> receipts = new HashSet<>();
    for (Entry e : entries) {
      if (!receipts.add(e.receipt())) {
        throw new IllegalStateException("Receipt " + e.receipt() + " appears twice in poll " + pollId + ".");
      }
    }
    PublishedResult unsigned = new PublishedResult(pollId, spec, shuffle(entries, random), result,
        algorithmFor(keys.getPrivate()), "");
    if (!Audit.recount(unsigned).equals(result)) {
      throw new IllegalStateException("The result of poll " + pollId + " is not the count of its ballots.");
    }
    try {
      Signature s = Signature.getInstance(unsigned.algorithm());
      s.initSign(keys.getPrivate(), random);
      s.update(unsigned.canonicalBytes());
      return new PublishedResult(pollId, spec, unsigned.entries(), result, unsigned.algorithm(),
          Base64.getEncoder().encodeToString(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign the result of poll " + pollId, e);
    }
  }

  /** A uniformly random order, so the published list says nothing about the order ballots came in. */
  public static List<Entry> shuffle(Collection<Entry> entries, SecureRandom random) {
    List<Entry> out = new ArrayList<>(entries);
    Collections.shuffle(out, random);
    return List.copyOf(out);
  }

  /** A2: everything but the signature, keys sorted. */
  public String canonicalJson() {
    JsonArray list = new JsonArray();
    entries.forEach(e -> list.add(e.toJson()));
    return Canonical.encode(new JsonObject().put("format", FORMAT).put("pollId", pollId.toString()).put("spec", spec.toJson())
        .put("entries", list).put("result", result.toJson()).put("algorithm", algorithm));
  }

  public byte[] canonicalBytes() {
    return canonicalJson().getBytes(StandardCharsets.UTF_8);
  }

  /** The document to publish: the canonical fields plus the signature. */
  public JsonObject toJson() {
    return new JsonObject(canonicalJson()).put("signature", signature);
  }

  /** Ed25519 for EdDSA keys, SHA256withECDSA for EC (P-256) keys. */
  static String algorithmFor(Key key) {
    return switch (key.getAlgorithm()) {
      case "Ed25519", "EdDSA" -> ED25519;
      case "EC" -> ECDSA_P256;
      default -> throw new IllegalArgumentException("Results are signed with Ed25519 or EC P-256 keys, not " + key.getAlgorithm());
    };
  }
}
