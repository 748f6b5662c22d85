package org.plenum.server.minutes;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the minutes say, folded from the meeting's ledger (MN1): the header, who attended how, each agenda item with
 * its documents, speakers, votes and the secretary's texts, and the ledger head the record was built from.
 */
public record MinutesRecord(Header header, List<Person> people, List<Room> rooms, List<Item> items, long ledgerSeq, String ledgerHash) {

  /** The administrative header (Decree 30/2020: issuing body, number and symbol, place and date) and the meeting. */
  public record Header(String parentBody, String issuingBody, String number, String place, OffsetDateTime date, String title,
                       String location, OffsetDateTime startsAt, OffsetDateTime openedAt, OffsetDateTime closedAt,
                       String chair, String secretary, String opening, String closing) {}

  /** A participant: role, attendance and, for remote attendance, the room they attended through. */
  public record Person(String name, String role, String attendance, String roomName) {}

  /** A remote room (điểm cầu) and who attended through it. */
  public record Room(String name, List<String> attendees) {}

  public record Item(String number, String title, String summary, String decision, List<Doc> documents, List<Speech> speeches,
                     List<Vote> votes) {}

  /** A document of an item as the ledger last published it; a restricted one is named only by its hash. */
  public record Doc(String title, int version, String sha256, boolean restricted) {}

  public record Speech(String name, String kind, OffsetDateTime startedAt, OffsetDateTime endedAt) {}

  /** One option's count: its label and the weight that chose it. */
  public record Count(String label, String weight) {}

  public record Vote(String title, String secrecy, String rule, String quorum, int ballots, String presentWeight,
                     String membersWeight, List<Count> counts, String verdict,
                     List<String> elected, String publishedSha256, OffsetDateTime closedAt) {}
}
