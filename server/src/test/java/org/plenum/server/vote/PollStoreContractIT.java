package org.plenum.server.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.server.testing.StoreDb.await;
import static org.plenum.server.testing.StoreDb.failure;
import static org.plenum.server.testing.StoreDb.stillWaiting;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.testing.StoreDb;

/**
 * The contract of {@link PollStore}, on real PostgreSQL: polls and their lifecycle, members and proxies as votes see
 * them, exactly-once voter rows, ballots by receipt, and the secret-ballot storage facts of D12 and D13 (the last two
 * tests, like VoteVerifyIT's table scan but at the store).
 */
class PollStoreContractIT {
  static StoreDb pg;
  static PollStore store;
  static Polls polls;

  @BeforeAll
  static void start() {
    pg = StoreDb.create();
    store = new PgPollStore();
    polls = new Polls(pg);
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static final PollSpec RESOLUTION = PollSpec.yesNo("Thông qua dự toán ngân sách 2027", Secrecy.NAMED, MajorityRule.SIMPLE,
      QuorumRule.moreThanHalfOfMembers(), Abstentions.IGNORED);
  static final PollSpec SECRET_CHOICE = new PollSpec("Chọn phương án", PollKind.SINGLE_CHOICE, Secrecy.SECRET,
      List.of(new PollOption("PHUONG_AN_ALPHA", "Phương án A"), new PollOption("PHUONG_AN_BETA", "Phương án B")), 1, 1, MajorityRule.RELATIVE,
      QuorumRule.atLeast(0), Abstentions.IGNORED);

  /** Setup rows (plain JDBC) and polls of one database. */
  record Polls(StoreDb db) {
    /** A participant with voting right. */
    UUID member(MeetingId m, String attendance, String weight) {
      UUID id = db.account("member-" + UUID.randomUUID());
      db.exec("insert into participant (meeting_id, account_id, role, voting_right, attendance, vote_weight) values (?, ?, 'DELEGATE', true, ?, ?)",
          m.value(), id, attendance, new BigDecimal(weight));
      return id;
    }

    /** A new DRAFT poll of the meeting. */
    PollId poll(MeetingId m, PollSpec spec, PollSettings settings) {
      PollId id = PollId.random();
      await(new PgPollStore().insert(db.db().auto(), m, new Poll(id, spec, PollStatus.DRAFT), null, settings));
      return id;
    }

    List<String> column(String sql, Object... args) {
      return db.column(sql, args);
    }
  }

  static Ballot ballot(PollId poll, UUID voter, String... options) {
    return new Ballot(poll, voter, voter, Choice.of(options), BigDecimal.ONE);
  }

  /** Sorted as PostgreSQL sorts uuid values (unsigned, byte by byte: as their text), not as {@link UUID#compareTo}. */
  static List<UUID> inDatabaseOrder(List<UUID> ids) {
    return ids.stream().sorted(Comparator.comparing(UUID::toString)).toList();
  }

  static PollStore.Stored read(MeetingId m, PollId id) {
    return await(store.read(pg.db().auto(), m, id));
  }

  @Test
  @DisplayName("VT1: a created poll reads back as a DRAFT with its spec, settings and agenda item; polls are per meeting (NOT_FOUND elsewhere), "
      + "listed oldest first")
  void create_and_read() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    UUID item = UUID.randomUUID();
    pg.exec("insert into agenda_item (id, meeting_id, position, title) values (?, ?, 1, 'Dự toán')", item, m.value());
    PollId first = PollId.random();
    var tx = pg.db().auto();
    await(store.insert(tx, m, Poll.draft(first, RESOLUTION), item, new PollSettings(60, NamedVisibility.LIVE)));
    PollId second = polls.poll(m, SECRET_CHOICE, PollSettings.defaults());
    PollId elsewhere = polls.poll(other, RESOLUTION, PollSettings.defaults());

    PollStore.Stored s = read(m, first);
    assertThat(s.poll()).isEqualTo(Poll.draft(first, RESOLUTION));
    assertThat(s.meeting()).isEqualTo(m);
    assertThat(s.agendaItemId()).isEqualTo(item);
    assertThat(s.settings()).isEqualTo(new PollSettings(60, NamedVisibility.LIVE));
    assertThat(s.closesAt()).as("not open yet").isNull();
    assertThat(s.expired()).isFalse();
    assertThat(s.resultText()).isNull();
    assertThat(s.publishedText()).isNull();
    assertThat(read(m, second).poll().spec()).isEqualTo(SECRET_CHOICE);
    assertThat(await(store.get(tx, m, second)).settings()).isEqualTo(PollSettings.defaults());

    assertThat(failure(ErrorCode.NOT_FOUND, () -> await(store.get(tx, other, first))).getMessage())
        .isEqualTo("No poll '" + first + "' in this meeting.");
    failure(ErrorCode.NOT_FOUND, () -> read(other, first));
    failure(ErrorCode.NOT_FOUND, () -> read(m, PollId.random()));
    assertThat(await(store.all(tx, m))).extracting(p -> p.poll().id()).containsExactly(first, second);
    assertThat(await(store.all(tx, other))).extracting(p -> p.poll().id()).containsExactly(elsewhere);
  }

  @Test
  @DisplayName("VT1, VT13: status changes are stored: open polls are listed as open; closing keeps the result, then the published list; "
      + "closing and cancelling stamp the end")
  void lifecycle() {
    MeetingId m = pg.meeting("m");
    PollId closed = polls.poll(m, RESOLUTION, PollSettings.defaults());
    PollId open = polls.poll(m, RESOLUTION, PollSettings.defaults());
    PollId cancelled = polls.poll(m, RESOLUTION, PollSettings.defaults());
    var tx = pg.db().auto();
    for (PollId p : List.of(closed, open, cancelled)) {
      assertThat(await(store.setStatus(tx, p, PollStatus.OPEN, null))).as("no time limit").isNull();
    }
    assertThat(await(store.open(tx, m))).extracting(p -> p.poll().id()).containsExactly(closed, open, cancelled);
    await(store.setStatus(tx, closed, PollStatus.CLOSED, "{\"outcome\":\"ADOPTED\"}"));
    await(store.setPublished(tx, closed, "{\"format\":\"plenum.poll-result.v1\"}"));
    await(store.setStatus(tx, cancelled, PollStatus.CANCELLED, null));
    assertThat(await(store.open(tx, m))).extracting(p -> p.poll().id()).containsExactly(open);
    PollStore.Stored s = read(m, closed);
    assertThat(s.poll().status()).isEqualTo(PollStatus.CLOSED);
    assertThat(s.resultText()).isEqualTo("{\"outcome\":\"ADOPTED\"}");
    assertThat(s.publishedText()).isEqualTo("{\"format\":\"plenum.poll-result.v1\"}");
    assertThat(read(m, cancelled).poll().status()).isEqualTo(PollStatus.CANCELLED);
    assertThat(pg.column("select id from poll where meeting_id = ? and closed_at is not null and opened_at is not null", m.value()))
        .containsExactlyInAnyOrder(closed.toString(), cancelled.toString());
  }

  @Test
  @DisplayName("VT8: opening a timed poll starts its clock; open timed polls of every meeting are listed for the timers; a poll past "
      + "its closesAt reads as expired")
  void timed_polls() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    PollId timed = polls.poll(m, RESOLUTION, new PollSettings(60, null));
    PollId timedElsewhere = polls.poll(other, RESOLUTION, new PollSettings(600, null));
    PollId draft = polls.poll(m, RESOLUTION, new PollSettings(60, null));
    PollId untimed = polls.poll(m, RESOLUTION, PollSettings.defaults());
    var tx = pg.db().auto();
    OffsetDateTime closesAt = await(store.setStatus(tx, timed, PollStatus.OPEN, null));
    assertThat(Duration.between(OffsetDateTime.now(), closesAt)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
    assertThat(read(m, timed).closesAt()).isEqualTo(closesAt);
    await(store.setStatus(tx, timedElsewhere, PollStatus.OPEN, null));
    await(store.setStatus(tx, untimed, PollStatus.OPEN, null));
    assertThat(await(store.timed(tx))).extracting(p -> p.poll().id()).contains(timed, timedElsewhere).doesNotContain(draft, untimed);
    assertThat(read(m, timed).expired()).isFalse();
    pg.exec("update poll set closes_at = now() - interval '1 second' where id = ?", timed.value());
    assertThat(read(m, timed).expired()).isTrue();
    await(store.setStatus(tx, timedElsewhere, PollStatus.CLOSED, "{}"));
    assertThat(await(store.timed(tx))).extracting(p -> p.poll().id()).doesNotContain(timedElsewhere);
  }

  @Test
  @DisplayName("VT3: get locks the poll until the transaction ends (a second get waits); read does not wait")
  void get_locks() {
    MeetingId m = pg.meeting("m");
    PollId id = polls.poll(m, RESOLUTION, PollSettings.defaults());
    var first = pg.hold(tx -> store.get(tx, m, id));
    var second = pg.db().inTransaction(tx -> store.get(tx, m, id));
    assertThat(read(m, id).poll().id()).isEqualTo(id);
    stillWaiting(second);
    first.commit();
    assertThat(await(second).poll().id()).isEqualTo(id);
  }

  @Test
  @DisplayName("D47, VT18: share holds the poll for ballot batches: two shares do not wait for each other, a get (a close) waits for both, "
      + "and a share after the close sees it closed")
  void share_locks() {
    MeetingId m = pg.meeting("m");
    PollId id = polls.poll(m, RESOLUTION, PollSettings.defaults());
    var first = pg.hold(tx -> store.share(tx, m, id));
    assertThat(await(pg.db().inTransaction(tx -> store.share(tx, m, id))).poll().id()).as("a second batch does not wait").isEqualTo(id);
    var second = pg.hold(tx -> store.share(tx, m, id));
    var close = pg.db().inTransaction(tx -> store.get(tx, m, id).compose(s -> store.setStatus(tx, id, PollStatus.CLOSED, "{}")));
    stillWaiting(close);
    first.commit();
    stillWaiting(close);
    second.commit();
    await(close);
    assertThat(await(pg.db().inTransaction(tx -> store.share(tx, m, id))).poll().status()).isEqualTo(PollStatus.CLOSED);
    assertThat(failure(ErrorCode.NOT_FOUND, () -> await(pg.db().inTransaction(tx -> store.share(tx, pg.meeting("other"), id))))).isNotNull();
  }

  @Test
  @DisplayName("VT9, VT10, E6: members with voting right with weight and presence; the weight that can be cast counts present members and "
      + "absent givers whose proxy holder is present")
  void voters_and_eligible_weight() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    UUID an = polls.member(m, "PRESENT", "1");
    UUID binh = polls.member(m, "REMOTE", "2.5");
    UUID cuong = polls.member(m, "ABSENT", "1");
    UUID dung = polls.member(m, "ABSENT", "3");
    UUID em = polls.member(m, "EXCUSED", "1");
    UUID observer = pg.account("observer-" + UUID.randomUUID());
    pg.participant(m, observer, "OBSERVER");
    pg.exec("update participant set attendance = 'PRESENT' where account_id = ?", observer);
    var tx = pg.db().auto();
    await(store.putProxy(tx, m, new Proxy(cuong, an), an));
    await(store.putProxy(tx, m, new Proxy(dung, em), an));

    List<Voter> voters = await(store.voters(tx, m));
    assertThat(voters).extracting(Voter::accountId).containsExactlyElementsOf(inDatabaseOrder(List.of(an, binh, cuong, dung, em)));
    assertThat(voters).contains(new Voter(an, BigDecimal.ONE, Voter.Presence.HALL), new Voter(binh, new BigDecimal("2.5"), Voter.Presence.REMOTE_ROOM),
        new Voter(em, BigDecimal.ONE, Voter.Presence.ABSENT));
    assertThat(await(store.votersAmong(tx, m, List.of(binh, observer, UUID.randomUUID()))))
        .containsExactly(new Voter(binh, new BigDecimal("2.5"), Voter.Presence.REMOTE_ROOM));
    assertThat(await(store.votersAmong(tx, other, List.of(an)))).isEmpty();
    assertThat(await(store.eligibleWeight(tx, m))).as("an 1 + binh 2.5 + cuong 1 by proxy; not dung, whose holder is away")
        .isEqualByComparingTo("4.5");
    assertThat(await(store.eligibleWeight(tx, other))).isEqualByComparingTo("0");
  }

  @Test
  @DisplayName("VT10: one proxy per giver, moved by a second registration; withdrawing one that is not there is NOT_FOUND; proxies are per meeting")
  void proxies() {
    MeetingId m = pg.meeting("m");
    MeetingId other = pg.meeting("other");
    UUID an = polls.member(m, "PRESENT", "1");
    UUID binh = polls.member(m, "PRESENT", "1");
    UUID cuong = polls.member(m, "ABSENT", "1");
    UUID secretary = pg.account("secretary-" + UUID.randomUUID());
    var tx = pg.db().auto();
    await(store.putProxy(tx, m, new Proxy(cuong, an), an));
    await(store.putProxy(tx, m, new Proxy(cuong, binh), secretary));
    assertThat(await(store.proxies(tx, m))).containsExactly(new Proxy(cuong, binh));
    assertThat(pg.value("select registered_by from proxy where giver_id = ?", cuong)).isEqualTo(secretary.toString());
    assertThat(await(store.proxiesFrom(tx, m, List.of(an, cuong)))).containsExactly(new Proxy(cuong, binh));
    assertThat(await(store.proxiesFrom(tx, m, List.of(an)))).isEmpty();
    assertThat(await(store.proxies(tx, other))).isEmpty();
    failure(ErrorCode.NOT_FOUND, () -> await(store.deleteProxy(tx, other, cuong)));
    await(store.deleteProxy(tx, m, cuong));
    assertThat(await(store.proxies(tx, m))).isEmpty();
    assertThat(failure(ErrorCode.NOT_FOUND, () -> await(store.deleteProxy(tx, m, cuong))).getMessage())
        .isEqualTo("Member " + cuong + " has given no proxy in this meeting.");
  }

  @Test
  @DisplayName("VT3, VT4, VT9: one voter row per poll and member keeps who cast it and the key digest; a second row for the member is not new")
  void voter_rows() {
    MeetingId m = pg.meeting("m");
    UUID an = polls.member(m, "PRESENT", "1");
    UUID binh = polls.member(m, "PRESENT", "1");
    UUID cuong = polls.member(m, "ABSENT", "1");
    PollId poll = polls.poll(m, RESOLUTION, PollSettings.defaults());
    PollId otherPoll = polls.poll(m, RESOLUTION, PollSettings.defaults());
    var tx = pg.db().auto();
    Ballot byProxy = new Ballot(poll, cuong, an, Choice.YES, BigDecimal.ONE);
    assertThat(await(store.insertVoters(tx, poll, List.of(ballot(poll, an, "YES"), byProxy), Arrays.asList("digest-an", null))))
        .containsExactlyInAnyOrder(an, cuong);
    assertThat(await(store.insertVoters(tx, poll, List.of(ballot(poll, an, "NO"), ballot(poll, binh, "NO")), List.of("other", "digest-binh"))))
        .containsExactly(binh);
    assertThat(await(store.insertVoters(tx, otherPoll, List.of(ballot(otherPoll, an, "NO")), List.of("x")))).containsExactly(an);
    assertThat(await(store.insertVoters(tx, poll, List.of(), List.of()))).isEmpty();
    Map<UUID, String> digests = await(store.keyDigests(tx, poll, List.of(an, cuong, binh, UUID.randomUUID())));
    assertThat(digests).containsEntry(an, "digest-an").containsEntry(binh, "digest-binh").containsEntry(cuong, null).hasSize(3);
    assertThat(await(store.castBy(tx, poll))).containsExactlyInAnyOrderEntriesOf(Map.of(an, an, binh, binh, cuong, an));
    assertThat(await(store.ballotsCast(tx, poll))).isEqualTo(3);
    await(store.deleteVoters(tx, poll, List.of(binh)));
    await(store.deleteVoters(tx, poll, List.of()));
    assertThat(await(store.castBy(tx, poll)).keySet()).containsExactlyInAnyOrder(an, cuong);
    assertThat(await(store.ballotsCast(tx, otherPoll))).isEqualTo(1);
  }

  @Test
  @DisplayName("VT3: of two transactions writing the same member's voter row at the same moment, the second waits and finds it not new")
  void concurrent_voter_rows() {
    MeetingId m = pg.meeting("m");
    UUID an = polls.member(m, "PRESENT", "1");
    PollId poll = polls.poll(m, RESOLUTION, PollSettings.defaults());
    var first = pg.hold(tx -> store.insertVoters(tx, poll, List.of(ballot(poll, an, "YES")), List.of("k1")));
    var second = pg.db().inTransaction(tx -> store.insertVoters(tx, poll, List.of(ballot(poll, an, "NO")), List.of("k2")));
    stillWaiting(second);
    first.commit();
    assertThat(await(second)).isEmpty();
    assertThat(await(store.keyDigests(pg.db().auto(), poll, List.of(an)))).containsExactly(Map.entry(an, "k1"));
  }

  @Test
  @DisplayName("VT4, VT13: ballots are keyed by receipt (a receipt already stored is not new) and listed by receipt with choice and weight")
  void ballots() {
    MeetingId m = pg.meeting("m");
    PollId poll = polls.poll(m, SECRET_CHOICE, PollSettings.defaults());
    UUID an = polls.member(m, "PRESENT", "1");
    UUID binh = polls.member(m, "PRESENT", "2.5");
    String r1 = Receipts.newCode();
    String r2 = Receipts.newCode();
    var tx = pg.db().auto();
    List<Ballot> both = List.of(ballot(poll, an, "PHUONG_AN_ALPHA"),
        new Ballot(poll, binh, binh, Choice.of("PHUONG_AN_BETA"), new BigDecimal("2.5")));
    assertThat(await(store.insertBallots(tx, poll, both, List.of(r1, r2)))).containsExactlyInAnyOrder(r1, r2);
    assertThat(await(store.insertBallots(tx, poll, List.of(both.get(0)), List.of(r1)))).isEmpty();
    assertThat(await(store.insertBallots(tx, poll, List.of(), List.of()))).isEmpty();
    List<PublishedResult.Entry> expected = new ArrayList<>(List.of(
        new PublishedResult.Entry(r1, Choice.of("PHUONG_AN_ALPHA"), BigDecimal.ONE),
        new PublishedResult.Entry(r2, Choice.of("PHUONG_AN_BETA"), new BigDecimal("2.5"))));
    expected.sort(Comparator.comparing(PublishedResult.Entry::receipt));
    assertThat(await(store.entries(tx, poll))).containsExactlyElementsOf(expected);
  }

  @Test
  @DisplayName("VT4: voter rows and ballots written in a transaction that fails are not kept; the retry then records them as new")
  void failed_cast_leaves_nothing() {
    MeetingId m = pg.meeting("m");
    UUID an = polls.member(m, "PRESENT", "1");
    PollId poll = polls.poll(m, SECRET_CHOICE, PollSettings.defaults());
    Ballot b = ballot(poll, an, "PHUONG_AN_ALPHA");
    String receipt = Receipts.newCode();
    pg.rolledBack(tx -> store.insertVoters(tx, poll, List.of(b), List.of("k")).compose(v -> store.insertBallots(tx, poll, List.of(b), List.of(receipt))));
    var tx = pg.db().auto();
    assertThat(await(store.ballotsCast(tx, poll))).isZero();
    assertThat(await(store.entries(tx, poll))).isEmpty();
    assertThat(await(store.insertVoters(tx, poll, List.of(b), List.of("k")))).containsExactly(an);
    assertThat(await(store.insertBallots(tx, poll, List.of(b), List.of(receipt)))).containsExactly(receipt);
  }

  @Test
  @DisplayName("VT6, VT7: a NAMED poll also records who chose what, listed by voter")
  void named_votes() {
    MeetingId m = pg.meeting("m");
    UUID an = polls.member(m, "PRESENT", "1");
    UUID binh = polls.member(m, "PRESENT", "1");
    PollId poll = polls.poll(m, RESOLUTION, PollSettings.defaults());
    var tx = pg.db().auto();
    await(store.insertNamed(tx, poll, List.of(ballot(poll, binh, "NO"), ballot(poll, an, "YES"))));
    await(store.insertNamed(tx, poll, List.of()));
    Map<UUID, Choice> chose = Map.of(an, Choice.YES, binh, Choice.NO);
    assertThat(await(store.named(tx, poll))).containsExactlyElementsOf(
        inDatabaseOrder(List.of(an, binh)).stream().map(v -> new PollStore.Named(v, chose.get(v))).toList());
  }

  @Test
  @DisplayName("VT6, D12: a SECRET poll's voters and ballots are stored apart: no row of any table holds both a voter and a receipt or choice")
  void secret_rows_apart() {
    MeetingId m = pg.meeting("m");
    PollId poll = polls.poll(m, SECRET_CHOICE, PollSettings.defaults());
    Map<UUID, String> receiptOf = new HashMap<>();
    List<Ballot> ballots = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      UUID voter = polls.member(m, "PRESENT", "1");
      ballots.add(ballot(poll, voter, i % 2 == 0 ? "PHUONG_AN_ALPHA" : "PHUONG_AN_BETA"));
      receiptOf.put(voter, Receipts.newCode());
    }
    List<String> receipts = ballots.stream().map(b -> receiptOf.get(b.voter())).toList();
    await(pg.db().inTransaction(tx -> store.insertVoters(tx, poll, ballots, receipts.stream().map(r -> "digest").toList())
        .compose(v -> store.insertBallots(tx, poll, ballots, receipts))));
    List<String> leaks = new ArrayList<>();
    for (String table : pg.column("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")) {
      for (String row : pg.column("select t::text from \"" + table + "\" t")) {
        receiptOf.forEach((voter, receipt) -> {
          if (row.contains(voter.toString()) && (row.contains(receipt) || row.contains("PHUONG_AN"))) {
            leaks.add(table + ": " + row);
          }
        });
      }
    }
    assertThat(leaks).isEmpty();
    assertThat(pg.column("select column_name from information_schema.columns where table_name = 'ballot'"))
        .containsExactlyInAnyOrder("poll_id", "receipt", "choice", "weight");
  }

  @Test
  @DisplayName("VT6, D13: closing rewrites a secret poll's rows in one transaction: ballots in an order unrelated to casting, voters by id, "
      + "one xmin for all; after the vacuum no old row version is left")
  void secret_rows_rewritten() {
    try (StoreDb fresh = StoreDb.create()) { // a table without earlier rows or free space, so the physical order is the order written
      Polls f = new Polls(fresh);
      MeetingId m = fresh.meeting("m");
      PollId poll = f.poll(m, SECRET_CHOICE, PollSettings.defaults());
      List<String> castOrder = new ArrayList<>();
      List<String> voterOrder = new ArrayList<>();
      for (int batch = 0; batch < 8; batch++) {
        List<Ballot> ballots = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          UUID voter = f.member(m, "PRESENT", "1");
          ballots.add(ballot(poll, voter, i % 3 == 0 ? "PHUONG_AN_BETA" : "PHUONG_AN_ALPHA"));
          receipts.add(Receipts.newCode());
          digests.add("digest-" + batch + "-" + i);
          voterOrder.add(voter.toString());
        }
        castOrder.addAll(receipts);
        await(fresh.db().inTransaction(tx -> store.insertVoters(tx, poll, ballots, digests).compose(v -> store.insertBallots(tx, poll, ballots, receipts))));
      }
      String ballotsByCtid = "select receipt from ballot where poll_id = ? order by ctid";
      String votersByCtid = "select voter_id from poll_voter where poll_id = ? order by ctid";
      assertThat(f.column(ballotsByCtid, poll.value())).as("before: the order of casting").isEqualTo(castOrder);
      assertThat(f.column(votersByCtid, poll.value())).isEqualTo(voterOrder);
      assertThat(f.column("select distinct xmin::text from ballot where poll_id = ?", poll.value())).as("before: one xmin a batch").hasSize(8);
      List<PublishedResult.Entry> entries = await(store.entries(fresh.db().auto(), poll));
      Map<UUID, UUID> castBy = await(store.castBy(fresh.db().auto(), poll));

      await(fresh.db().inTransaction(tx -> store.reorder(tx, poll, new SecureRandom())));
      await(store.vacuum(fresh.db().auto()));

      List<String> ballotsAfter = f.column(ballotsByCtid, poll.value());
      assertThat(ballotsAfter).containsExactlyInAnyOrderElementsOf(castOrder).isNotEqualTo(castOrder);
      assertThat(f.column(votersByCtid, poll.value())).isSortedAccordingTo(Comparator.comparing(UUID::fromString))
          .containsExactlyInAnyOrderElementsOf(voterOrder);
      assertThat(f.column("select xmin::text from ballot where poll_id = ? union select xmin::text from poll_voter where poll_id = ?",
          poll.value(), poll.value())).as("every row of the poll was written by the closing transaction").hasSize(1);
      assertThat(await(store.entries(fresh.db().auto(), poll))).isEqualTo(entries);
      assertThat(await(store.castBy(fresh.db().auto(), poll))).isEqualTo(castBy);
      assertThat(await(store.keyDigests(fresh.db().auto(), poll, castBy.keySet()))).hasSize(40);

      fresh.exec("create extension if not exists pageinspect");
      for (String table : List.of("ballot", "poll_voter")) {
        String stored = fresh.value("select count(*) from generate_series(0, pg_relation_size('" + table + "') / current_setting('block_size')::int - 1) b, "
            + "heap_page_items(get_raw_page('" + table + "', b::int)) where t_data is not null");
        assertThat(stored).as(table + ": row versions in the heap, live or dead").isEqualTo("40");
      }
    }
  }

  @Test
  @DisplayName("VT16, D24: sealed ballots: a wrapped key stored and erased; tags unique per poll (a repeated tag is not new); sealed rows read "
      + "back byte for byte and deleted; entries written in the order given")
  void sealed_ballots() {
    MeetingId m = pg.meeting("sealed");
    PollId poll = polls.poll(m, SECRET_CHOICE, PollSettings.defaults());
    PollId other = polls.poll(m, SECRET_CHOICE, PollSettings.defaults());
    var tx = pg.db().auto();
    assertThat(await(store.sealedKey(tx, poll))).isNull();
    byte[] wrapped = {1, 2, 3, 4};
    await(store.setSealedKey(tx, poll, wrapped));
    assertThat(await(store.sealedKey(tx, poll))).isEqualTo(wrapped);
    byte[] t1 = {10, 11};
    byte[] t2 = {20, 21};
    assertThat(await(store.insertSealed(tx, poll, List.of(t1, t2), List.of(new byte[] {1}, new byte[] {2, 2}))))
        .containsExactlyInAnyOrder("0a0b", "1415");
    assertThat(await(store.insertSealed(tx, poll, List.of(t1), List.of(new byte[] {9})))).as("the same tag again").isEmpty();
    assertThat(await(store.insertSealed(tx, other, List.of(t1), List.of(new byte[] {7})))).as("another poll").containsExactly("0a0b");
    assertThat(await(store.sealedBallots(tx, poll))).containsExactlyInAnyOrder(new byte[] {1}, new byte[] {2, 2});
    await(store.deleteSealed(tx, poll));
    assertThat(await(store.sealedBallots(tx, poll))).isEmpty();
    assertThat(await(store.sealedBallots(tx, other))).hasSize(1);
    await(store.setSealedKey(tx, poll, null));
    assertThat(await(store.sealedKey(tx, poll))).isNull();

    List<PublishedResult.Entry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      entries.add(new PublishedResult.Entry(Receipts.newCode(), Choice.of(i % 2 == 0 ? "PHUONG_AN_ALPHA" : "PHUONG_AN_BETA"), BigDecimal.ONE));
    }
    await(store.insertEntries(tx, poll, entries));
    assertThat(polls.column("select receipt from ballot where poll_id = ? order by ctid", poll.value()))
        .containsExactlyElementsOf(entries.stream().map(PublishedResult.Entry::receipt).toList());
  }
}
