package org.plenum.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

class RoomCsvTest {

  static List<RoomCsv.Row> parse(String text) {
    return RoomCsv.parse(text.getBytes(StandardCharsets.UTF_8), 1000);
  }

  static PlenumException rejected(byte[] body, int maxRows) {
    PlenumException e = catchThrowableOfType(PlenumException.class, () -> RoomCsv.parse(body, maxRows));
    assertThat(e).as("rejected").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
    return e;
  }

  static PlenumException rejected(String text) {
    return rejected(text.getBytes(StandardCharsets.UTF_8), 1000);
  }

  static List<Integer> lines(PlenumException e) {
    return e.details().stream().map(o -> ((io.vertx.core.json.JsonObject) o).getInteger("line")).toList();
  }

  @Test
  @DisplayName("RM1: BOM, CRLF, quoted fields with commas and doubled quotes, a quoted field over two lines, Vietnamese names")
  void reads_rfc4180() {
    var rows = parse("\uFEFFcode,name,district\r\n"
        + "HN-DA-01,\"Điểm cầu UBND xã Tiên Dương, huyện Đông Anh\",Huyện Đông Anh\r\n"
        + "27001,\"Hội trường \"\"Nhà văn hóa\"\" thôn Đoài\",\"Huyện Sóc Sơn\"\r\n"
        + "x.3,\"Phường Hàng Bạc\nQuận Hoàn Kiếm\",\r\n"
        + "\r\n");
    assertThat(rows).extracting(RoomCsv.Row::code).containsExactly("HN-DA-01", "27001", "x.3");
    assertThat(rows.get(0).name()).isEqualTo("Điểm cầu UBND xã Tiên Dương, huyện Đông Anh");
    assertThat(rows.get(1).name()).isEqualTo("Hội trường \"Nhà văn hóa\" thôn Đoài");
    assertThat(rows.get(2).name()).isEqualTo("Phường Hàng Bạc\nQuận Hoàn Kiếm");
    assertThat(rows.get(2).district()).isEmpty();
    assertThat(rows).extracting(RoomCsv.Row::line).containsExactly(2, 3, 4);
    assertThat(rows.get(0).username()).isEqualTo("room-hn-da-01");
  }

  @Test
  @DisplayName("RM1: names in decomposed Unicode (NFD, as macOS writes them) are stored composed (NFC)")
  void normalizes_names() {
    String nfd = java.text.Normalizer.normalize("Xã Tiên Dương", java.text.Normalizer.Form.NFD);
    assertThat(parse("code,name,district\nA1," + nfd + ",\n").get(0).name()).isEqualTo("Xã Tiên Dương");
  }

  @Test
  @DisplayName("RM2: a missing or wrong header is rejected on line 1")
  void header() {
    assertThat(lines(rejected("A1,Xã A,Huyện B\n"))).containsExactly(1);
    assertThat(lines(rejected("code,name\nA1,Xã A\n"))).containsExactly(1);
    assertThat(lines(rejected(""))).containsExactly(1);
  }

  @Test
  @DisplayName("RM2: every bad line is reported with its number: wrong columns, empty code, bad code, empty name, duplicate code")
  void line_errors() {
    PlenumException e = rejected("code,name,district\n"
        + "A1,Xã A,Huyện B\n"
        + "A2,Xã B\n"
        + ",Xã C,Huyện B\n"
        + "A 4,Xã D,Huyện B\n"
        + "A5,,Huyện B\n"
        + "a1,Xã E,Huyện B\n"
        + "A7,Xã G,Huyện B,extra\n");
    assertThat(lines(e)).containsExactly(3, 4, 5, 6, 7, 8);
    assertThat(e.getMessage()).contains("line 3", "line 4", "nothing changed");
    assertThat(e.details().getJsonObject(4).getString("message")).contains("already on line 2");
  }

  @Test
  @DisplayName("RM2: more rows than rooms.import_max_rows is rejected naming the first line over the limit")
  void row_limit() {
    StringBuilder csv = new StringBuilder("code,name,district\n");
    for (int i = 1; i <= 6; i++) {
      csv.append("R").append(i).append(",Xã ").append(i).append(",Huyện\n");
    }
    PlenumException e = rejected(csv.toString().getBytes(StandardCharsets.UTF_8), 5);
    assertThat(lines(e)).containsExactly(7);
    assertThat(e.getMessage()).contains("more than 5");
  }

  @Test
  @DisplayName("RM2: a file that is not UTF-8 (a legacy 8-bit export) is rejected with the line of the first bad byte")
  void not_utf8() {
    byte[] body = "code,name,district\nA1,Xa A,Huyen B\nA2,Xã B,Hà C\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(lines(rejected(body, 1000))).containsExactly(3);
  }

  @Test
  @DisplayName("RM2: an unclosed quote and a stray quote are rejected with their line")
  void quotes() {
    assertThat(lines(rejected("code,name,district\nA1,\"Xã A,Huyện B\n"))).containsExactly(2);
    assertThat(lines(rejected("code,name,district\nA1,Xã \"A\",Huyện B\n"))).containsExactly(2);
    assertThat(lines(rejected("code,name,district\nA1,\"Xã A\"x,Huyện B\n"))).containsExactly(2);
  }

  @Test
  @DisplayName("RM2: a header without rooms is rejected")
  void empty() {
    assertThat(lines(rejected("code,name,district\n\n"))).containsExactly(2);
  }
}
