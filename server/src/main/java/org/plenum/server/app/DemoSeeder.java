package org.plenum.server.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.plenum.server.auth.Account;
import org.plenum.server.auth.AccountId;
import org.plenum.server.auth.AccountKind;
import org.plenum.server.auth.AccountStore;
import org.plenum.server.auth.PasswordHasher;
import org.plenum.server.meeting.Meeting;
import org.plenum.server.core.MeetingId;
import org.plenum.server.meeting.MeetingStatus;
import org.plenum.server.core.Role;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.db.Tx;
import org.plenum.server.core.ledger.LedgerStore;
import org.plenum.server.meeting.MeetingStore;

/**
 * First-run data. The demo (meeting "Demo council": three agenda items, a chair, a secretary, six delegates and
 * three remote rooms, plus an administrator) is written once, in one transaction that also records that it was
 * seeded, so a restart never seeds twice. The administrator from {@code admin.initial_password} is created when
 * no administrator exists yet.
 */
public final class DemoSeeder {
  public static final String MEETING_TITLE = "Demo council";
  private static final String DEMO_SEEDED = "demo_seeded";

  /** A demo login as printed by {@code ./plenum up}. */
  public record DemoAccount(String username, String displayName, String role) {}

  public static final List<DemoAccount> ACCOUNTS = List.of(
      new DemoAccount("admin", "Quản trị hệ thống", "administrator"),
      new DemoAccount("chair", "Nguyễn Văn An (Chủ tọa)", "CHAIR"),
      new DemoAccount("secretary", "Trần Thị Bình (Thư ký)", "SECRETARY"),
      new DemoAccount("delegate1", "Lê Văn Cường", "DELEGATE"),
      new DemoAccount("delegate2", "Phạm Thị Dung", "DELEGATE"),
      new DemoAccount("delegate3", "Hoàng Văn Em", "DELEGATE"),
      new DemoAccount("delegate4", "Vũ Thị Phương", "DELEGATE"),
      new DemoAccount("delegate5", "Đặng Văn Giang", "DELEGATE"),
      new DemoAccount("delegate6", "Bùi Thị Hà", "DELEGATE"),
      new DemoAccount("room1", "Điểm cầu Huyện Đông Anh", "REMOTE_ROOM"),
      new DemoAccount("room2", "Điểm cầu Huyện Sóc Sơn", "REMOTE_ROOM"),
      new DemoAccount("room3", "Điểm cầu Xã Tiên Dương", "REMOTE_ROOM"));

  private static final List<String> AGENDA = List.of(
      "Khai mạc, thông qua chương trình / Opening and adoption of the agenda",
      "Báo cáo kinh tế - xã hội 2026 / Socio-economic report 2026",
      "Nghị quyết dự toán ngân sách 2027 / Resolution on the 2027 budget");

  private final Vertx vertx;
  private final Database db;
  private final InstallationStore installation;
  private final AccountStore accounts;
  private final MeetingStore meetings;
  private final LedgerStore ledger;
  private final PasswordHasher hasher;

  public DemoSeeder(Vertx vertx, Database db, AccountStore accounts, MeetingStore meetings, LedgerStore ledger, PasswordHasher hasher) {
    this.vertx = vertx;
    this.db = db;
    this.installation = new PgInstallationStore(db);
    this.accounts = accounts;
    this.meetings = meetings;
    this.ledger = ledger;
    this.hasher = hasher;
  }

  /** True when the demo was seeded now or before. */
  public Future<Boolean> seeded() {
    return installation.marked(DEMO_SEEDED);
  }

  /** Seeds the demo unless it already was; true when it seeded now. */
  public Future<Boolean> seedDemo(String password) {
    return seeded().compose(done -> done ? Future.succeededFuture(false)
        : hashAll(password).compose(hashes -> db.inTransaction(tx -> installation.mark(tx, DEMO_SEEDED)
            .compose(first -> first ? write(tx, hashes).map(true) : Future.succeededFuture(false)))));
  }

  /** One hash per demo account (each its own salt), computed side by side on the worker pool: the cores share them. */
  private Future<List<String>> hashAll(String password) {
    List<Future<String>> hashes = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS.size(); i++) {
      hashes.add(vertx.executeBlocking(() -> hasher.hash(password), false));
    }
    return Future.all(hashes).map(all -> all.<String>list());
  }

  private Future<Void> write(Tx tx, List<String> hashes) {
    MeetingId meetingId = MeetingId.random();
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(1).withHour(8).withMinute(0).withSecond(0).withNano(0);
    Meeting meeting = new Meeting(meetingId, MEETING_TITLE, MeetingStatus.SCHEDULED, start, "Hội trường UBND tỉnh / Provincial hall");
    Future<Void> f = meetings.create(tx, meeting, null).compose(m -> ledger.createClock(tx, meetingId));
    for (String item : AGENDA) {
      f = f.compose(v -> meetings.addAgendaItem(tx, meetingId, item, 30).mapEmpty());
    }
    for (int i = 0; i < ACCOUNTS.size(); i++) {
      DemoAccount d = ACCOUNTS.get(i);
      String hash = hashes.get(i);
      boolean admin = d.role().equals("administrator");
      AccountKind kind = d.role().equals("REMOTE_ROOM") ? AccountKind.ROOM : AccountKind.PERSON;
      Account account = new Account(AccountId.random(), d.username(), d.displayName(), kind, admin, false);
      f = f.compose(v -> accounts.create(tx, account, hash)).compose(a -> admin ? Future.succeededFuture()
          : meetings.putParticipant(tx, meetingId, a.id(), Role.valueOf(d.role()), d.role().equals("CHAIR") || d.role().equals("DELEGATE"), null));
    }
    return f;
  }

  /** Creates the administrator {@code username} when no administrator exists; true when it did. */
  public Future<Boolean> bootstrapAdmin(String username, String password) {
    return accounts.anyAdmin().compose(any -> any ? Future.succeededFuture(false)
        : vertx.executeBlocking(() -> hasher.hash(password), false)
            .compose(hash -> accounts.create(db.auto(), new Account(AccountId.random(), username, "Administrator", AccountKind.PERSON, true, false), hash))
            .map(true));
  }
}
