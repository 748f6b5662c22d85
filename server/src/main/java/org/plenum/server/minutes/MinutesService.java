package org.plenum.server.minutes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.plenum.server.core.Actor;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.ledger.LedgerEvent;
import org.plenum.server.meeting.MeetingStatus;
import org.plenum.server.meeting.Meetings;

/**
 * The minutes' workflow (docs/protocol.md §16): a draft regenerated from the ledger on demand, the secretary's texts,
 * the chair's approval that freezes the PDF, then the secretary's and the chair's signatures. Every step is one ledger
 * write: the row is locked, the rules checked, the row and the event committed together, so nothing is stored
 * half-done. The slow work (rendering, signing) runs on a worker thread before that transaction, which then checks
 * that what was rendered or signed is still current (D36).
 */
public final class MinutesService {
  private static final int PAGE = 1000;

  private final Vertx vertx;
  private final Database db;
  private final Ledger ledger;
  private final MinutesStore store;
  private final Meetings meetings;
  private final MinutesPdf renderer;
  private final MinutesFold.Issuer issuer;
  private final Signer.Directory signers;
  private final int maxTextChars;
  private final DssPadesSigning longTerm;
  private final SignatureChecks signatureChecks;

  MinutesService(Vertx vertx, Database db, Ledger ledger, MinutesStore store, Meetings meetings, MinutesPdf renderer, MinutesFold.Issuer issuer,
                 Signer.Directory signers, int maxTextChars, DssPadesSigning longTerm, SignatureChecks signatureChecks) {
    this.vertx = vertx;
    this.db = db;
    this.ledger = ledger;
    this.store = store;
    this.meetings = meetings;
    this.renderer = renderer;
    this.issuer = issuer;
    this.signers = signers;
    this.maxTextChars = maxTextChars;
    this.longTerm = longTerm;
    this.signatureChecks = signatureChecks;
  }

  /** A PDF to send: its bytes and a file name. */
  public record Pdf(byte[] bytes, String filename) {}

  /**
   * MN5: the state; the people running the meeting see everything, others only signed minutes. MN9: each signature
   * with what DSS reads in the stored PDF (signer, time-stamped signing time, PAdES level, verdict).
   */
  public Future<JsonObject> state(Actor a, MeetingId m) {
    return db.readSnapshot(tx -> store.find(tx, m).compose(row -> {
      if (!a.runsMeeting() && row.map(MinutesStore.Stored::state).orElse(MinutesState.DRAFT) != MinutesState.SIGNED) {
        throw PlenumException.forbidden("The minutes are visible to every participant once the chair has signed them.");
      }
      boolean signed = row.isPresent() && !row.get().signatures().isEmpty();
      return signed ? store.pdf(tx, m).map(pdf -> new Read(row, pdf.orElse(null))) : Future.succeededFuture(new Read(row, null));
    })).compose(read -> {
      Optional<MinutesStore.Stored> row = read.row();
      byte[] pdf = read.signedPdf();
      MinutesState state = row.map(MinutesStore.Stored::state).orElse(MinutesState.DRAFT);
      JsonObject out = new JsonObject().put("state", state.name());
      if (row.isEmpty()) {
        return Future.succeededFuture(out.put("edits", 0).put("texts", MinutesTexts.EMPTY.toJson()).put("signatures", new JsonArray()));
      }
      MinutesStore.Stored r = row.get();
      out.put("language", r.language()).put("finalSha256", hex(r.finalSha256())).put("sha256", hex(r.pdfSha256())).put("approvedAt", r.approvedAt());
      if (a.runsMeeting()) {
        out.put("edits", r.edits()).put("texts", r.texts());
      }
      Future<JsonArray> checks = pdf == null ? Future.succeededFuture(new JsonArray())
          : signatureChecks.of(hex(r.pdfSha256()), pdf).otherwise(new JsonArray()); // not checkable now: reported without the check
      return checks.map(found -> {
        JsonArray sigs = new JsonArray();
        for (MinutesStore.Signature s : r.signatures()) {
          JsonObject sig = new JsonObject().put("position", s.position()).put("role", s.role()).put("signer", s.signer().toString())
              .put("signedAt", s.signedAt()).put("sha256", hex(s.pdfSha256()));
          if (s.position() - 1 < found.size()) {
            sig.mergeIn(found.getJsonObject(s.position() - 1));
          }
          sigs.add(sig);
        }
        return out.put("signatures", sigs);
      });
    });
  }

  /** The row as read, and the signed PDF when there is a signature to report. */
  private record Read(Optional<MinutesStore.Stored> row, byte[] signedPdf) {}

  /** MN5: the draft (regenerated now, runners only) or the stored PDF (runners; everyone once signed). */
  public Future<Pdf> pdf(Actor a, MeetingId m, MinutesPdf.Lang lang) {
    return db.readSnapshot(tx -> store.find(tx, m).compose(row -> {
      MinutesState state = row.map(MinutesStore.Stored::state).orElse(MinutesState.DRAFT);
      if (!a.runsMeeting() && state != MinutesState.SIGNED) {
        throw PlenumException.forbidden("The minutes are visible to every participant once the chair has signed them.");
      }
      if (state == MinutesState.DRAFT) {
        MinutesTexts texts = row.map(r -> MinutesTexts.fromJson(r.texts(), Integer.MAX_VALUE)).orElse(MinutesTexts.EMPTY);
        return record(tx, m, texts, Long.MAX_VALUE)
            .compose(rec -> vertx.executeBlocking(() -> renderer.render(rec, lang, MinutesPdf.Stage.DRAFT), false))
            .map(bytes -> new Pdf(bytes, "minutes-draft-" + m + ".pdf"));
      }
      return store.pdf(tx, m).map(bytes -> new Pdf(bytes.orElseThrow(), "minutes-" + m + "-" + state.name().toLowerCase() + ".pdf"));
    }));
  }

  /** MN3: the secretary replaces the texts while the minutes are a draft. */
  public Future<Ledger.Written<JsonObject>> editTexts(Actor a, MeetingId m, JsonObject body) {
    if (!a.is(Role.SECRETARY) && !a.admin()) {
      return Future.failedFuture(PlenumException.forbidden("Only the secretary writes the minutes."));
    }
    MinutesTexts texts;
    try {
      texts = MinutesTexts.fromJson(body, maxTextChars);
    } catch (PlenumException e) {
      return Future.failedFuture(e);
    }
    return ledger.write(m, a.accountId(), (tx, head) -> store.lock(tx, m).compose(row -> {
      if (row.state() != MinutesState.DRAFT) {
        throw new PlenumException(ErrorCode.CONFLICT, "The minutes were approved; their text can no longer change.");
      }
      return store.saveTexts(tx, m, texts.toJson())
          .map(edits -> Ledger.Change.of(new JsonObject().put("state", MinutesState.DRAFT.name()).put("edits", edits), new MinutesEvent.Edited(edits)));
    }));
  }

  /**
   * MN4: the chair approves once, after the meeting closed; the PDF is rendered from the ledger and frozen. The PDF is
   * rendered before the ledger transaction (which holds the meeting's clock lock); the transaction checks that the
   * ledger has not moved since and otherwise renders again under the lock, so the frozen PDF is always of the head
   * written in {@code minutes.approved}.
   */
  public Future<Ledger.Written<JsonObject>> approve(Actor a, MeetingId m, MinutesPdf.Lang lang) {
    if (!a.is(Role.CHAIR)) {
      return Future.failedFuture(PlenumException.forbidden("Only the chair approves the minutes."));
    }
    Future<Rendered> early = db.readSnapshot(tx -> store.find(tx, m).compose(row -> {
      if (row.isPresent() && row.get().state() != MinutesState.DRAFT) {
        throw new PlenumException(ErrorCode.CONFLICT, "The minutes are already approved.");
      }
      MinutesTexts texts = row.map(r -> MinutesTexts.fromJson(r.texts(), Integer.MAX_VALUE)).orElse(MinutesTexts.EMPTY);
      return meetings.status(tx, m).compose(status -> {
        requireClosed(status);
        return record(tx, m, texts, Long.MAX_VALUE);
      });
    })).compose(rec -> vertx.executeBlocking(() -> new Rendered(rec, renderer.render(rec, lang, MinutesPdf.Stage.FINAL)), false));
    return early.compose(pre -> ledger.write(m, a.accountId(), (tx, head) -> store.lock(tx, m).compose(row -> {
      if (row.state() != MinutesState.DRAFT) {
        throw new PlenumException(ErrorCode.CONFLICT, "The minutes are already approved.");
      }
      return meetings.status(tx, m).compose(status -> {
        requireClosed(status);
        if (pre.record().ledgerSeq() == head.seq()) {
          return Future.succeededFuture(pre); // nothing written since the early render (texts included: each edit is an event)
        }
        return record(tx, m, MinutesTexts.fromJson(row.texts(), Integer.MAX_VALUE), head.seq())
            .compose(rec -> vertx.executeBlocking(() -> new Rendered(rec, renderer.render(rec, lang, MinutesPdf.Stage.FINAL)), false));
      }).compose(done -> {
        byte[] sha = sha256(done.pdf());
        return store.approve(tx, m, a.accountId(), lang.name(), done.pdf(), sha).map(v -> Ledger.Change.of(
            new JsonObject().put("state", MinutesState.FINAL.name()).put("sha256", hex(sha)),
            new MinutesEvent.Approved(hex(sha), lang.name(), done.record().ledgerSeq(), done.record().ledgerHash())));
      });
    })));
  }

  private static void requireClosed(MeetingStatus status) {
    if (status != MeetingStatus.CLOSED && status != MeetingStatus.ARCHIVED) {
      throw new PlenumException(ErrorCode.CONFLICT, "Close the meeting before approving its minutes.");
    }
  }

  /** A record and its rendered PDF. */
  private record Rendered(MinutesRecord record, byte[] pdf) {}

  /**
   * MN6: the secretary signs the approved minutes, then the chair; each signature an incremental revision. The
   * signature (a remote service, a TSA, OCSP) is made before the ledger transaction; the transaction stores it only if
   * the minutes are still in the state and at the revision that was signed, else CONFLICT and nothing is stored.
   */
  public Future<Ledger.Written<JsonObject>> sign(Actor a, MeetingId m, String authorization) {
    if (!a.is(Role.SECRETARY) && !a.is(Role.CHAIR)) {
      return Future.failedFuture(PlenumException.forbidden("Only the secretary and the chair sign the minutes."));
    }
    Role role = a.is(Role.CHAIR) ? Role.CHAIR : Role.SECRETARY;
    MinutesState expected = role == Role.SECRETARY ? MinutesState.FINAL : MinutesState.SIGNED_BY_SECRETARY;
    Future<byte[]> current = db.readSnapshot(tx -> store.find(tx, m).compose(row -> {
      MinutesState state = row.map(MinutesStore.Stored::state).orElse(MinutesState.DRAFT);
      checkTurn(state, expected);
      return store.pdf(tx, m).map(pdf -> pdf.orElseThrow());
    }));
    return current.compose(pdf -> vertx.executeBlocking(() -> {
      Signer signer = signers.forAccount(a.accountId(), authorization).orElseThrow(() -> new PlenumException(ErrorCode.CONFLICT,
          "No signing key is configured for this account."));
      X509Certificate cert = signer.chain().get(0);
      try {
        cert.checkValidity();
      } catch (CertificateExpiredException | CertificateNotYetValidException e) {
        throw new PlenumException(ErrorCode.CONFLICT, "The signing certificate is not valid now (" + cert.getNotBefore().toInstant() + " to "
            + cert.getNotAfter().toInstant() + ").");
      }
      String reason = role == Role.SECRETARY ? "Thư ký ký biên bản / Secretary" : "Chủ trì ký biên bản / Chair";
      byte[] signed = longTerm != null ? longTerm.sign(pdf, signer, a.displayName(), reason, issuer.place())
          : PadesSigning.sign(pdf, signer, a.displayName(), reason, issuer.place());
      return new SignedRevision(sha256(pdf), signed, PadesSigning.pem(cert));
    }, false)).compose(out -> ledger.write(m, a.accountId(), (tx, head) -> store.lock(tx, m).compose(row -> {
      checkTurn(row.state(), expected);
      if (!java.util.Arrays.equals(row.pdfSha256(), out.signedFrom())) {
        throw new PlenumException(ErrorCode.CONFLICT, "The minutes changed while they were being signed; nothing was stored. Sign again.");
      }
      byte[] sha = sha256(out.pdf());
      MinutesState next = role == Role.SECRETARY ? MinutesState.SIGNED_BY_SECRETARY : MinutesState.SIGNED;
      var sig = new MinutesStore.Signature(role == Role.SECRETARY ? 1 : 2, a.accountId(), role.name(), null, sha, out.certificate());
      return store.sign(tx, m, next, out.pdf(), sha, sig).map(v -> Ledger.Change.of(
          new JsonObject().put("state", next.name()).put("sha256", hex(sha)),
          new MinutesEvent.Signed(role.name(), a.accountId().toString(), hex(sha), next, next == MinutesState.SIGNED ? Audience.ALL : Audience.RUNNERS)));
    })).onSuccess(w -> signatureChecks.of(w.value().getString("sha256"), out.pdf()))); // MN9: validated once, before the screens ask
  }

  /** A signature made outside the transaction: the SHA-256 of the revision it signed, the new revision, the signer's PEM. */
  private record SignedRevision(byte[] signedFrom, byte[] pdf, String certificate) {}

  /** MN6: CONFLICT unless the minutes are in the state this signer signs in. */
  private static void checkTurn(MinutesState state, MinutesState expected) {
    if (state != expected) {
      throw new PlenumException(ErrorCode.CONFLICT, switch (state) {
        case DRAFT -> "The chair has not approved the minutes yet.";
        case FINAL -> "The secretary signs first.";
        case SIGNED_BY_SECRETARY -> "The secretary has already signed; the chair signs next.";
        case SIGNED -> "The minutes are already signed by both.";
      });
    }
  }

  /** MN1: the record from the meeting's header, participants and ledger (up to {@code upTo}), with these texts. */
  private Future<MinutesRecord> record(Tx tx, MeetingId m, MinutesTexts texts, long upTo) {
    return meetings.header(tx, m).compose(header -> meetings.participants(tx, m).compose(people -> readAll(tx, m, 0, upTo, new ArrayList<>())
        .map(events -> MinutesFold.fold(header, people, events, texts, issuer, OffsetDateTime.now(ZoneOffset.UTC)))));
  }

  private Future<List<LedgerEvent>> readAll(Tx tx, MeetingId m, long after, long upTo, List<LedgerEvent> into) {
    return ledger.store().read(tx, m, after, upTo, PAGE).compose(page -> {
      into.addAll(page);
      return page.size() < PAGE ? Future.succeededFuture(into) : readAll(tx, m, page.get(page.size() - 1).seq(), upTo, into);
    });
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return b == null ? null : HexFormat.of().formatHex(b);
  }
}
