package org.plenum.server.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.plenum.server.auth.PasswordHasher;

/**
 * Many members with voting right for load-like tests. Setup only: the accounts and participant rows are written
 * straight into the database (one Argon2 hash computed once and shared, so 500 members take seconds, not minutes);
 * everything measured or checked afterwards goes through the real interfaces — each member signs in over REST and
 * votes over their own socket.
 */
public final class Voters {
  public static final String PASSWORD = "many-voters-password";
  private static final String HASH = new PasswordHasher().hash(PASSWORD);

  private Voters() {}

  /** One seeded member: account id, username, and an access token from a real login. */
  public record Member(String id, String username, String token) {}

  /** Adds {@code n} absent delegates with voting right to the meeting and signs each in (two logins at a time). */
  public static List<Member> seed(Connection db, Api api, String meeting, int n) {
    return seed(db, api, meeting, n, "ABSENT");
  }

  /** As above, with this attendance (PRESENT: checked in by the secretary before the test starts). */
  public static List<Member> seed(Connection db, Api api, String meeting, int n, String attendance) {
    String run = Long.toString(System.nanoTime(), 36);
    List<String[]> made = new ArrayList<>();
    try (PreparedStatement account = db.prepareStatement("insert into account (id, username, display_name, password_hash) values (?, ?, ?, ?)");
         PreparedStatement participant = db.prepareStatement(
             "insert into participant (meeting_id, account_id, role, voting_right, attendance) values (?, ?, 'DELEGATE', true, ?)")) {
      for (int i = 0; i < n; i++) {
        UUID id = UUID.randomUUID();
        String username = "v" + run + "n" + i;
        account.setObject(1, id);
        account.setString(2, username);
        account.setString(3, "Đại biểu " + i);
        account.setString(4, HASH);
        account.addBatch();
        participant.setObject(1, UUID.fromString(meeting));
        participant.setObject(2, id);
        participant.setString(3, attendance);
        participant.addBatch();
        made.add(new String[] {id.toString(), username});
      }
      account.executeBatch();
      participant.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot seed voters", e);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Member>> logins = new ArrayList<>();
      for (String[] m : made) {
        logins.add(pool.submit(() -> new Member(m[0], m[1], api.login(m[1], PASSWORD))));
      }
      List<Member> out = new ArrayList<>();
      for (Future<Member> f : logins) {
        out.add(f.get());
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot sign the voters in", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
