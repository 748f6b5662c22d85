package org.plenum.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.plenum.server.auth.Account;
import org.plenum.server.auth.AccountId;
import org.plenum.server.auth.AccountKind;
import org.plenum.server.auth.PgAccountStore;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Database;
import org.plenum.server.meeting.PgMeetingStore;

/**
 * A meeting ready for a ballot burst: N delegates with voting right, each signed in, checked in as PRESENT by
 * themself and holding a live (resumed) socket, plus the chair's socket. Setup is not measured.
 *
 * <p>What is not done the way a real deployment does it, and why: the N accounts and their participant rows are
 * written in one transaction through the server's own stores ({@link PgAccountStore#create}, {@link
 * PgMeetingStore#putParticipant}, as {@code DemoSeeder} does), with one cheap Argon2id hash (m=8 KiB, t=1) shared
 * by all of them instead of the server's m=19 MiB, t=2. The server verifies with the parameters stored in the
 * hash, so sign-in is the real REST call, only ~1000x cheaper. Everything else goes through the public API: the
 * meeting is created over REST, every voter signs in over REST, takes a ticket, opens its socket, sends
 * {@code attendance.set} for itself and resumes; the chair creates, opens and closes polls over its socket.
 */
final class BenchMeeting {
  static final String VOTER_PASSWORD = "bench-voter-password";
  private static final int PARALLEL = 16;

  final Vertx vertx;
  final Rest rest;
  final String meetingId;
  final List<MeetingSocket> voters;
  final List<String> voterIds;
  final MeetingSocket chair;
  private final WebSocketClient wsClient;

  private BenchMeeting(Vertx vertx, Rest rest, WebSocketClient wsClient, String meetingId, List<MeetingSocket> voters, List<String> voterIds,
                       MeetingSocket chair) {
    this.vertx = vertx;
    this.rest = rest;
    this.wsClient = wsClient;
    this.meetingId = meetingId;
    this.voters = voters;
    this.voterIds = voterIds;
    this.chair = chair;
  }

  static BenchMeeting prepare(Vertx vertx, int httpPort, Pool db, int n, java.io.PrintStream log) {
    Rest rest = new Rest(vertx, httpPort, PARALLEL);
    WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(n + 16)
        .setMaxFrameSize(1 << 20).setMaxMessageSize(64 << 20).setConnectTimeout(30_000));
    long t = System.nanoTime();
    String admin = rest.login("admin", ServerProcess.DEMO_PASSWORD).await();
    String meeting = rest.call(HttpMethod.POST, "/api/meetings", new JsonObject().put("title", "Ballot burst " + n)
        .put("startsAt", "2026-12-01T08:00:00+07:00").put("agenda", new JsonArray().add("Biểu quyết")), admin, 201).await().getString("id");
    String chairToken = rest.login("chair", ServerProcess.DEMO_PASSWORD).await();
    String chairId = rest.call(HttpMethod.GET, "/api/me", null, chairToken, 200).await().getString("id");
    // the chair runs the meeting without a vote of their own, so exactly the N delegates are eligible
    rest.call(HttpMethod.PUT, "/api/meetings/" + meeting + "/participants", new JsonObject().put("accountId", chairId).put("role", "CHAIR")
        .put("votingRight", false), admin, 200).await();

    List<String> usernames = new ArrayList<>();
    List<String> ids = seedVoters(db, MeetingId.parse(meeting), n, usernames);
    log.printf("bench: seeded %d delegates in %.1f s%n", n, seconds(t));

    t = System.nanoTime();
    List<String> tokens = parallel(n, PARALLEL, i -> rest.login(usernames.get(i), VOTER_PASSWORD));
    log.printf("bench: %d sign-ins over REST in %.1f s%n", n, seconds(t));

    t = System.nanoTime();
    List<MeetingSocket> sockets = parallel(n, PARALLEL, i -> rest.ticket(meeting, tokens.get(i))
        .compose(ticket -> MeetingSocket.open(ws, httpPort, meeting, ticket, false)));
    log.printf("bench: %d sockets open in %.1f s%n", n, seconds(t));

    // Check-in before going live: no socket is live yet, so the N attendance events are not fanned out N times.
    t = System.nanoTime();
    AtomicLong head = new AtomicLong();
    parallel(n, PARALLEL, i -> sockets.get(i).command("attendance.set", new JsonObject().put("accountId", ids.get(i)).put("status", "PRESENT"))
        .map(r -> {
          require(r, "attendance.set");
          head.accumulateAndGet(r.frame().getLong("seq"), Math::max);
          return r;
        }));
    log.printf("bench: %d check-ins (attendance.set) in %.1f s%n", n, seconds(t));

    t = System.nanoTime();
    parallel(n, PARALLEL, i -> sockets.get(i).command("session.resume", new JsonObject().put("lastSeq", head.get()))
        .map(r -> require(r, "session.resume")));
    MeetingSocket chair = rest.ticket(meeting, chairToken).compose(ticket -> MeetingSocket.open(ws, httpPort, meeting, ticket, true)).await();
    require(chair.command("session.resume", new JsonObject().put("lastSeq", head.get())).await(), "session.resume");
    log.printf("bench: %d sockets resumed (live) in %.1f s%n", n + 1, seconds(t));
    return new BenchMeeting(vertx, rest, ws, meeting, sockets, ids, chair);
  }

  /** Accounts and participant rows in one transaction through the server's stores (see the class comment). */
  static List<String> seedVoters(Pool db, MeetingId meeting, int n, List<String> usernames) {
    String hash = cheapHash(VOTER_PASSWORD);
    Database database = new Database(db);
    PgAccountStore accounts = new PgAccountStore(database);
    PgMeetingStore meetings = new PgMeetingStore(database);
    List<String> ids = new ArrayList<>();
    String run = Long.toString(System.nanoTime(), 36);
    List<Account> made = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Account a = new Account(AccountId.random(), "bench-" + run + "-" + i, "Đại biểu " + (i + 1), AccountKind.PERSON, false, false);
      made.add(a);
      usernames.add(a.username());
      ids.add(a.id().toString());
    }
    database.inTransaction(tx -> {
      Future<Void> f = Future.succeededFuture();
      for (Account a : made) {
        f = f.compose(v -> accounts.create(tx, a, hash)).compose(a2 -> meetings.putParticipant(tx, meeting, a2.id(), Role.DELEGATE, true, null));
      }
      return f;
    }).await();
    return ids;
  }

  /** An Argon2id hash in the server's PHC format with the smallest parameters (bench accounts only). */
  static String cheapHash(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    var params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(8).withIterations(1).withParallelism(1).withSalt(salt).build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[32];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=8,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
  }

  static MeetingSocket.Reply require(MeetingSocket.Reply r, String what) {
    if (!r.ok()) {
      throw new IllegalStateException(what + " failed: " + r.frame().encode());
    }
    return r;
  }

  /** Runs task(0..n-1) with at most {@code width} in flight; blocks until all are done; fails on the first failure. */
  static <T> List<T> parallel(int n, int width, IntFunction<Future<T>> task) {
    AtomicReferenceArray<T> out = new AtomicReferenceArray<>(n);
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int l = 0; l < Math.min(width, n); l++) {
      lanes.add(lane(next, n, task, out));
    }
    Future.all(lanes).await();
    List<T> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(out.get(i));
    }
    return list;
  }

  private static <T> Future<Void> lane(AtomicInteger next, int n, IntFunction<Future<T>> task, AtomicReferenceArray<T> out) {
    int i = next.getAndIncrement();
    if (i >= n) {
      return Future.succeededFuture();
    }
    return task.apply(i).compose(v -> {
      out.set(i, v);
      return lane(next, n, task, out);
    });
  }

  static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  void close() {
    voters.forEach(MeetingSocket::close);
    chair.close();
    wsClient.close().await();
    rest.close().await();
  }
}
