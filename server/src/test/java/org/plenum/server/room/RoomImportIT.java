package org.plenum.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.Api;
import org.plenum.server.testing.TestServer;

/** Importing the remote rooms of a provincial meeting from a CSV file, over the real REST API. */
class RoomImportIT {
  static TestServer server;
  static Api api;
  static String admin;
  static String chair;
  static String secretary;
  static String delegate;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("PLENUM_ROOMS_IMPORT_MAX_ROWS", "300", "PLENUM_ROOMS_IMPORT_MAX_BYTES", "65536"));
    api = server.api();
    admin = api.login("admin", TestServer.DEMO_PASSWORD);
    chair = api.login("chair", TestServer.DEMO_PASSWORD);
    secretary = api.login("secretary", TestServer.DEMO_PASSWORD);
    delegate = api.login("delegate1", TestServer.DEMO_PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("RM1, RM3: 215 rooms import as ROOM accounts room-<code> and REMOTE_ROOM participants; the list shows code, name, district")
  void imports_215_rooms() {
    String meeting = RoomLists.newMeeting(api, admin, "Kỳ họp thứ 12 HĐND tỉnh");
    Api.Response r = RoomLists.importCsv(api, meeting, RoomLists.bytes(RoomLists.csv(215, "HN")), secretary);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getInteger("created")).isEqualTo(215);
    assertThat(r.json().getInteger("updated")).isZero();
    assertThat(r.json().getInteger("unchanged")).isZero();
    assertThat(r.json().getInteger("joined")).isEqualTo(215);
    assertThat(r.json().getJsonArray("errors")).isEmpty();

    JsonArray rooms = RoomLists.rooms(api, meeting, chair);
    assertThat(rooms).hasSize(215);
    JsonObject first = rooms.getJsonObject(0);
    assertThat(first.getString("code")).isEqualTo("HN-001");
    assertThat(first.getString("username")).isEqualTo("room-hn-001");
    assertThat(first.getString("name")).isEqualTo("Điểm cầu UBND Xã Vân Nội, Huyện Chương Mỹ");
    assertThat(first.getString("district")).isEqualTo("Huyện Chương Mỹ");
    assertThat(first.getJsonObject("credentials").getString("status")).isEqualTo("NONE");
    // RM3: a delegate sees the rooms, not their credential status.
    JsonArray seenByDelegate = RoomLists.rooms(api, meeting, delegate);
    assertThat(seenByDelegate).hasSize(215);
    assertThat(seenByDelegate.getJsonObject(0).containsKey("credentials")).isFalse();

    long remote = api.get("/api/meetings/" + meeting + "/participants", chair).array("participants").stream()
        .filter(p -> "REMOTE_ROOM".equals(((JsonObject) p).getString("role"))).count();
    assertThat(remote).isEqualTo(215);
    // Imported rooms have no password: signing in as one is refused like a wrong password.
    assertThat(api.post("/api/auth/login", new JsonObject().put("username", "room-hn-001").put("password", "anything-at-all")).status())
        .isEqualTo(401);
  }

  @Test
  @DisplayName("RM1: importing the same file again changes nothing; a changed name updates only that room; another meeting reuses the accounts")
  void reimport_is_idempotent() {
    String meeting = RoomLists.newMeeting(api, admin, "Phiên họp UBND huyện");
    String csv = RoomLists.csv(40, "DA");
    assertThat(RoomLists.importCsv(api, meeting, RoomLists.bytes(csv), chair).json().getInteger("created")).isEqualTo(40);
    long seqBefore = ledgerHead(meeting);

    JsonObject again = RoomLists.importCsv(api, meeting, RoomLists.bytes(csv), chair).json();
    assertThat(again.getInteger("created")).isZero();
    assertThat(again.getInteger("updated")).isZero();
    assertThat(again.getInteger("unchanged")).isEqualTo(40);
    assertThat(again.getInteger("joined")).isZero();
    assertThat(ledgerHead(meeting)).as("a no-op import writes no ledger event").isEqualTo(seqBefore);

    String changed = csv.replace(RoomLists.row(7, "DA", ""), RoomLists.row(7, "DA", " (hội trường mới)"));
    JsonObject third = RoomLists.importCsv(api, meeting, RoomLists.bytes(changed), admin).json();
    assertThat(third.getInteger("updated")).isEqualTo(1);
    assertThat(third.getInteger("unchanged")).isEqualTo(39);
    assertThat(RoomLists.rooms(api, meeting, chair).stream().map(o -> ((JsonObject) o).getString("name")))
        .contains("Điểm cầu UBND Phường Liên Hà, Huyện Mỹ Đức (hội trường mới)");

    String other = RoomLists.newMeeting(api, admin, "Hội nghị trực tuyến");
    JsonObject reused = RoomLists.importCsv(api, other, RoomLists.bytes(changed), chair).json();
    assertThat(reused.getInteger("created")).isZero();
    assertThat(reused.getInteger("unchanged")).isEqualTo(40);
    assertThat(reused.getInteger("joined")).isEqualTo(40);
  }

  @Test
  @DisplayName("RM2: each bad file is BAD_MESSAGE with its line numbers and imports nothing, not even its good lines")
  void bad_files_import_nothing() {
    String meeting = RoomLists.newMeeting(api, admin, "Họp kiểm tra tệp lỗi");
    String good = "code,name,district\r\nOK-1,\"Điểm cầu Xã Cổ Loa, Huyện Đông Anh\",Huyện Đông Anh\r\n";
    // A person's account already has the user name a room would get.
    assertThat(api.post("/api/accounts", new JsonObject().put("username", "room-taken").put("displayName", "Nguyễn Văn Phòng")
        .put("password", "correct horse battery"), admin).status()).isEqualTo(201);
    StringBuilder tooMany = new StringBuilder("code,name,district\n");
    for (int i = 1; i <= 301; i++) {
      tooMany.append("M-").append(i).append(",Xã ").append(i).append(",Huyện Mê Linh\n");
    }
    record Bad(String what, byte[] body, List<Integer> lines) {}
    List<Bad> cases = List.of(
        new Bad("missing header", RoomLists.bytes("OK-1,Xã Cổ Loa,Huyện Đông Anh\nB-1,Xã Uy Nỗ,Huyện Đông Anh\n"), List.of(1)),
        new Bad("wrong header", RoomLists.bytes("ma,ten,huyen\nB-1,Xã Uy Nỗ,Huyện Đông Anh\n"), List.of(1)),
        new Bad("wrong columns", RoomLists.bytes(good + "B-2,Xã Uy Nỗ\r\nB-3,Xã Kim Chung,Huyện Đông Anh,thừa\r\n"), List.of(3, 4)),
        new Bad("empty code", RoomLists.bytes(good + ",Xã Hải Bối,Huyện Đông Anh\r\n"), List.of(3)),
        new Bad("duplicate code", RoomLists.bytes(good + "ok-1,Xã Hải Bối,Huyện Đông Anh\r\n"), List.of(3)),
        new Bad("over the row limit", RoomLists.bytes(tooMany.toString()), List.of(302)),
        new Bad("not UTF-8", (good + "B-4,Xã Bát Tràng,Huyện Gia Lâm\r\n").getBytes(StandardCharsets.ISO_8859_1), List.of(2)),
        new Bad("a person's user name", RoomLists.bytes(good + "TAKEN,Xã Nam Hồng,Huyện Đông Anh\r\n"), List.of(3)));
    List<String> failures = new ArrayList<>();
    for (Bad bad : cases) {
      Api.Response r = RoomLists.importCsv(api, meeting, bad.body(), chair);
      List<Integer> lines = r.status() == 400 ? r.json().getJsonArray("errors").stream().map(o -> ((JsonObject) o).getInteger("line")).toList() : List.of();
      if (r.status() != 400 || !"BAD_MESSAGE".equals(r.code()) || !lines.equals(bad.lines()) || !r.json().getString("message").contains("line")) {
        failures.add(bad.what() + ": " + r);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(RoomLists.rooms(api, meeting, chair)).as("nothing was imported").isEmpty();
    assertThat(api.get("/api/accounts", admin).array("accounts").stream().map(o -> ((JsonObject) o).getString("username")))
        .doesNotContain("room-ok-1", "room-b-2", "room-m-1");
  }

  @Test
  @DisplayName("RM2: a body over rooms.import_max_bytes is PAYLOAD_TOO_LARGE; a JSON body is UNSUPPORTED_MEDIA_TYPE; delegates are FORBIDDEN")
  void limits_and_permissions() {
    String meeting = RoomLists.newMeeting(api, admin, "Họp kiểm tra giới hạn");
    StringBuilder big = new StringBuilder("code,name,district\n");
    while (big.length() < 70_000) {
      big.append("BIG-").append(big.length()).append(",\"Điểm cầu UBND Xã Tiên Dương, Huyện Đông Anh\",Huyện Đông Anh\n");
    }
    Api.Response tooLarge = RoomLists.importCsv(api, meeting, RoomLists.bytes(big.toString()), chair);
    assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
    assertThat(tooLarge.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    Api.Response json = api.raw("POST", "/api/meetings/" + meeting + "/rooms/import", "application/json", "{}".getBytes(), chair);
    assertThat(json.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    Api.Response latin = api.raw("POST", "/api/meetings/" + meeting + "/rooms/import", "text/csv; charset=windows-1258",
        RoomLists.bytes(RoomLists.csv(2, "W")), chair);
    assertThat(latin.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(RoomLists.importCsv(api, meeting, RoomLists.bytes(RoomLists.csv(2, "D")), delegate).code()).isEqualTo("FORBIDDEN");
    assertThat(RoomLists.rooms(api, meeting, chair)).isEmpty();
  }

  static long ledgerHead(String meeting) {
    JsonArray events = api.get("/api/meetings/" + meeting + "/ledger", chair).array("events");
    return events.isEmpty() ? 0 : events.getJsonObject(events.size() - 1).getLong("seq");
  }
}
