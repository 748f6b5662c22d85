package org.plenum.server.core.ledger;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HexFormat;
import org.plenum.server.core.MeetingId;

/** Recomputes the whole hash chain of a meeting (protocol L2): every seq present, every prev hash and hash right. */
public final class LedgerVerifier {
  private static final int PAGE = 1000;

  private final LedgerStore store;

  public LedgerVerifier(LedgerStore store) {
    this.store = store;
  }

  /** {@code {"valid":…,"head":…,"headHash":…,"brokenAt":…}}. */
  public Future<JsonObject> verify(MeetingId m) {
    return store.headSeq(m).compose(head -> verifyFrom(m, 0, LedgerHash.GENESIS, head));
  }

  private Future<JsonObject> verifyFrom(MeetingId m, long after, byte[] prev, long head) {
    return store.read(m, after, head, PAGE).compose(events -> {
      long expected = after + 1;
      byte[] p = prev;
      for (LedgerEvent e : events) {
        byte[] hash = LedgerHash.compute(p, m.value(), e.seq(), e.type(), e.audience().text(), e.actor(), e.at(), e.data());
        if (e.seq() != expected || !Arrays.equals(e.prevHash(), p) || !Arrays.equals(e.hash(), hash)) {
          return Future.succeededFuture(new JsonObject().put("valid", false).put("brokenAt", expected).put("head", head));
        }
        p = hash;
        expected++;
      }
      if (events.isEmpty() || expected - 1 == head) {
        boolean complete = expected - 1 == head;
        return Future.succeededFuture(new JsonObject().put("valid", complete).put("head", head)
            .put("headHash", HexFormat.of().formatHex(p)).put("brokenAt", complete ? null : expected));
      }
      return verifyFrom(m, expected - 1, p, head);
    });
  }
}
