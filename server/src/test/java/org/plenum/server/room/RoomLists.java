package org.plenum.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.plenum.server.testing.Api;

/** Realistic room lists of a province (districts and communes of Hà Nội) and meetings to import them into. */
final class RoomLists {
  static final List<String> DISTRICTS = List.of("Huyện Ba Vì", "Huyện Chương Mỹ", "Huyện Đan Phượng", "Huyện Đông Anh", "Huyện Gia Lâm",
      "Huyện Hoài Đức", "Huyện Mê Linh", "Huyện Mỹ Đức", "Huyện Phú Xuyên", "Huyện Phúc Thọ", "Huyện Quốc Oai", "Huyện Sóc Sơn",
      "Huyện Thạch Thất", "Huyện Thanh Oai", "Huyện Thường Tín", "Huyện Ứng Hòa", "Huyện Thanh Trì", "Thị xã Sơn Tây");
  static final List<String> COMMUNES = List.of("Tiên Dương", "Vân Nội", "Uy Nỗ", "Kim Chung", "Hải Bối", "Nguyên Khê", "Thụy Lâm",
      "Liên Hà", "Cổ Loa", "Đông Hội", "Mai Lâm", "Xuân Canh", "Vĩnh Ngọc", "Bắc Hồng", "Nam Hồng", "Tàm Xá", "Dục Tú", "Việt Hùng",
      "Vân Hà", "Xuân Nộn", "Phù Đổng", "Dương Xá", "Kiêu Kỵ", "Đa Tốn", "Bát Tràng", "Yên Viên", "Ninh Hiệp", "Đặng Xá", "Lệ Chi",
      "Tráng Việt", "Thạch Đà", "Tiến Thịnh", "Quang Minh", "Chu Phan", "Hồng Vân", "Tự Nhiên", "Phượng Dực", "Hương Sơn", "An Phú",
      "Tuy Lai");

  private RoomLists() {}

  /** A CSV of {@code n} rooms: code HN-001…, "Điểm cầu UBND Xã <commune>, <district>" (quoted: it has a comma), district. */
  static String csv(int n, String codePrefix) {
    StringBuilder b = new StringBuilder("\uFEFFcode,name,district\r\n");
    for (int i = 1; i <= n; i++) {
      b.append(row(i, codePrefix, "")).append("\r\n");
    }
    return b.toString();
  }

  static String row(int i, String codePrefix, String nameSuffix) {
    String district = DISTRICTS.get(i % DISTRICTS.size());
    String kind = i % 9 == 0 ? "Thị trấn" : i % 7 == 0 ? "Phường" : "Xã";
    String commune = kind + " " + COMMUNES.get(i % COMMUNES.size()) + (i > COMMUNES.size() ? " " + (i / COMMUNES.size() + 1) : "");
    return String.format("%s-%03d,\"Điểm cầu UBND %s, %s%s\",%s", codePrefix, i, commune, district, nameSuffix, district);
  }

  static byte[] bytes(String csv) {
    return csv.getBytes(StandardCharsets.UTF_8);
  }

  static Api.Response importCsv(Api api, String meeting, byte[] csv, String token) {
    return api.raw("POST", "/api/meetings/" + meeting + "/rooms/import", "text/csv; charset=utf-8", csv, token);
  }

  /** A new meeting whose chair is the demo chair and whose secretary is the demo secretary. */
  static String newMeeting(Api api, String admin, String title) {
    Api.Response created = api.post("/api/meetings", new JsonObject().put("title", title), admin);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    JsonArray accounts = api.get("/api/accounts", admin).array("accounts");
    for (Object o : accounts) {
      JsonObject a = (JsonObject) o;
      String role = switch (a.getString("username")) {
        case "chair" -> "CHAIR";
        case "secretary" -> "SECRETARY";
        case "delegate1" -> "DELEGATE";
        default -> null;
      };
      if (role != null) {
        assertThat(api.put("/api/meetings/" + id + "/participants", new JsonObject().put("accountId", a.getString("id")).put("role", role), admin)
            .status()).isEqualTo(200);
      }
    }
    return id;
  }

  static JsonArray rooms(Api api, String meeting, String token) {
    Api.Response r = api.get("/api/meetings/" + meeting + "/rooms", token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.array("rooms");
  }
}
