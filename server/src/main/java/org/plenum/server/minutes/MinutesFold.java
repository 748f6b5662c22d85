package org.plenum.server.minutes;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.plenum.server.core.ledger.LedgerEvent;

/**
 * Builds the {@link MinutesRecord} from the meeting's ledger (MN1): the agenda as the last {@code agenda.changed} left
 * it, each document as its last event left it, every finished turn of speech ({@code speaker.ended}), every closed poll
 * ({@code poll.closed}: rule, quorum rule, turnout, counts, outcome, hash of the published list); the meeting's header and participants'
 * attendance as they are now; the secretary's texts. Internal agenda items (AG2) and what hangs on them stay out:
 * the signed minutes go to every participant.
 */
final class MinutesFold {
  private MinutesFold() {}

  /** Where the administrative header's fixed words come from (configuration, D23). */
  record Issuer(String parentBody, String issuingBody, String place) {}

  static MinutesRecord fold(JsonObject header, JsonArray participants, List<LedgerEvent> events, MinutesTexts texts, Issuer issuer,
                            OffsetDateTime date) {
    JsonArray agenda = new JsonArray();
    Map<String, JsonObject> documents = new LinkedHashMap<>();
    List<JsonObject> speeches = new ArrayList<>();
    List<LedgerEvent> closedPolls = new ArrayList<>();
    for (LedgerEvent e : events) {
      JsonObject d = e.dataJson();
      switch (e.type()) {
        case "agenda.changed" -> agenda = d.getJsonArray("items", new JsonArray());
        case "document.published", "document.versionAdded", "document.accessChanged" -> {
          JsonObject doc = d.getJsonObject("document");
          if (doc != null) {
            documents.put(doc.getString("id"), doc);
          }
        }
        case "speaker.ended" -> {
          JsonObject entry = d.getJsonObject("entry");
          if (entry != null && entry.getString("startedAt") != null) {
            speeches.add(entry);
          }
        }
        case "poll.closed" -> closedPolls.add(e);
        default -> { }
      }
    }

    Map<String, String> names = new LinkedHashMap<>();
    participants.forEach(o -> names.put(((JsonObject) o).getString("accountId"), ((JsonObject) o).getString("displayName")));
    List<MinutesRecord.Person> people = new ArrayList<>();
    Map<String, List<String>> byRoom = new LinkedHashMap<>();
    String chair = "";
    String secretary = "";
    for (Object o : participants) {
      JsonObject p = (JsonObject) o;
      String role = p.getString("role");
      if (role.equals("REMOTE_ROOM")) {
        byRoom.computeIfAbsent(p.getString("accountId"), k -> new ArrayList<>());
        continue;
      }
      if (role.equals("CHAIR") && chair.isEmpty()) {
        chair = p.getString("displayName");
      }
      if (role.equals("SECRETARY") && secretary.isEmpty()) {
        secretary = p.getString("displayName");
      }
      String roomId = p.getString("attendanceRoomId");
      String roomName = roomId == null ? null : names.getOrDefault(roomId, roomId.substring(0, 8));
      if (roomId != null && "REMOTE".equals(p.getString("attendance"))) {
        byRoom.computeIfAbsent(roomId, k -> new ArrayList<>()).add(p.getString("displayName"));
      }
      people.add(new MinutesRecord.Person(p.getString("displayName"), role, p.getString("attendance", "ABSENT"), roomName));
    }
    List<MinutesRecord.Room> rooms = new ArrayList<>();
    byRoom.forEach((id, who) -> rooms.add(new MinutesRecord.Room(names.getOrDefault(id, id.substring(0, 8)), List.copyOf(who))));

    List<MinutesRecord.Item> items = new ArrayList<>();
    for (Object o : agenda) {
      JsonObject item = (JsonObject) o;
      if (item.getBoolean("internal", false)) {
        continue;
      }
      String id = item.getString("id");
      MinutesTexts.ItemText t = texts.item(UUID.fromString(id));
      List<MinutesRecord.Doc> docs = new ArrayList<>();
      documents.values().forEach(doc -> {
        if (doc.getJsonArray("agendaItemIds", new JsonArray()).contains(id)) {
          docs.add(doc(doc));
        }
      });
      List<MinutesRecord.Speech> said = new ArrayList<>();
      speeches.stream().filter(s -> id.equals(s.getString("agendaItemId")))
          .sorted(java.util.Comparator.comparing(s -> OffsetDateTime.parse(s.getString("startedAt"))))
          .forEach(s -> said.add(new MinutesRecord.Speech(s.getString("displayName"), s.getString("kind"), time(s.getString("startedAt")),
              time(s.getString("endedAt")))));
      List<MinutesRecord.Vote> votes = new ArrayList<>();
      closedPolls.stream().filter(e -> id.equals(e.dataJson().getString("agendaItemId")))
          .forEach(e -> votes.add(vote(e)));
      items.add(new MinutesRecord.Item(item.getString("number"), item.getString("title"), t.summary(), t.decision(), docs, said, votes));
    }

    LedgerEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
    MinutesRecord.Header h = new MinutesRecord.Header(issuer.parentBody(), issuer.issuingBody(), texts.number(), issuer.place(), date,
        header.getString("title"), header.getString("location"), time(header.getString("startsAt")), time(header.getString("openedAt")),
        time(header.getString("closedAt")), chair, secretary, texts.opening(), texts.closing());
    return new MinutesRecord(h, people, rooms, items, last == null ? 0 : last.seq(),
        last == null ? "" : HexFormat.of().formatHex(last.hash()));
  }

  private static MinutesRecord.Doc doc(JsonObject doc) {
    int current = doc.getInteger("currentVersion", 1);
    String sha = "";
    for (Object v : doc.getJsonArray("versions", new JsonArray())) {
      JsonObject version = (JsonObject) v;
      if (version.getInteger("number", 0) == current) {
        sha = version.getString("sha256", "");
      }
    }
    JsonObject access = doc.getJsonObject("access", new JsonObject());
    boolean restricted = !"EVERYONE".equals(access.getString("kind", "EVERYONE"));
    return new MinutesRecord.Doc(doc.getString("title"), current, sha, restricted);
  }

  private static MinutesRecord.Vote vote(LedgerEvent e) {
    JsonObject d = e.dataJson();
    JsonObject spec = d.getJsonObject("spec", new JsonObject());
    JsonObject result = d.getJsonObject("result", new JsonObject());
    JsonObject totals = result.getJsonObject("totals", new JsonObject());
    List<MinutesRecord.Count> counts = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (Object o : spec.getJsonArray("options", new JsonArray())) {
      JsonObject opt = (JsonObject) o;
      labels.put(opt.getString("id"), opt.getString("label"));
      counts.add(new MinutesRecord.Count(opt.getString("label"), totals.getString(opt.getString("id"), "0")));
    }
    totals.fieldNames().stream().filter(k -> !labels.containsKey(k)).sorted()
        .forEach(k -> counts.add(new MinutesRecord.Count(k, totals.getString(k))));
    JsonObject outcome = result.getJsonObject("outcome", new JsonObject());
    List<String> elected = new ArrayList<>();
    outcome.getJsonArray("elected", new JsonArray()).forEach(x -> elected.add(labels.getOrDefault(String.valueOf(x), String.valueOf(x))));
    JsonObject qr = spec.getJsonObject("quorum", new JsonObject());
    String q = qr.getString("kind", "") + (qr.getString("kind", "").equals("AT_LEAST_N") ? ":" + qr.getInteger("n", 0) : "");
    JsonObject published = d.getJsonObject("published", new JsonObject());
    return new MinutesRecord.Vote(spec.getString("title", ""), spec.getString("secrecy", ""), spec.getString("rule", ""), q,
        d.getInteger("ballotsCast", result.getInteger("ballots", 0)), result.getString("presentWeight", ""),
        result.getString("membersWeight", ""), counts, outcome.getString("verdict", ""), elected,
        published.getString("sha256", ""), e.at());
  }

  private static OffsetDateTime time(String s) {
    return s == null || s.isEmpty() ? null : OffsetDateTime.parse(s);
  }
}
