package org.plenum.server.minutes;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.ledger.Audience;
import org.plenum.server.core.ledger.LedgerEvent;

/** The minutes PDF from a ledger, read back by independent tools (poppler's pdftotext, qpdf). */
class MinutesPdfTest {
  static final Path FONTS = Path.of("/usr/share/fonts/truetype/dejavu");
  static final String ITEM1 = "Báo cáo tình hình kinh tế - xã hội năm 2026";
  static final String ITEM2 = "Thông qua Nghị quyết về dự toán ngân sách";
  final UUID item1 = UUID.randomUUID();
  final UUID item2 = UUID.randomUUID();
  final UUID internal = UUID.randomUUID();
  final String head = "ff".repeat(32);

  @TempDir Path dir;

  List<LedgerEvent> ledger() {
    MeetingId m = MeetingId.parse(UUID.randomUUID().toString());
    List<LedgerEvent> out = new ArrayList<>();
    JsonArray items = new JsonArray()
        .add(new JsonObject().put("id", item1.toString()).put("number", "1").put("title", ITEM1).put("internal", false))
        .add(new JsonObject().put("id", item2.toString()).put("number", "2").put("title", ITEM2).put("internal", false))
        .add(new JsonObject().put("id", internal.toString()).put("number", "3").put("title", "Nhân sự mật").put("internal", true));
    out.add(event(m, 1, "agenda.changed", new JsonObject().put("items", items)));
    out.add(event(m, 2, "document.published", new JsonObject().put("document", new JsonObject().put("id", "d1").put("title", "Dự thảo Nghị quyết ngân sách")
        .put("access", new JsonObject().put("kind", "EVERYONE")).put("agendaItemIds", new JsonArray().add(item2.toString())).put("currentVersion", 2)
        .put("versions", new JsonArray().add(new JsonObject().put("number", 1).put("sha256", "11".repeat(32)))
            .add(new JsonObject().put("number", 2).put("sha256", "22".repeat(32)))))));
    out.add(event(m, 3, "document.published", new JsonObject().put("document", new JsonObject().put("id", "d2").put("title", "Hồ sơ nhân sự")
        .put("access", new JsonObject().put("kind", "CONFIDENTIAL")).put("agendaItemIds", new JsonArray().add(item2.toString())).put("currentVersion", 1)
        .put("versions", new JsonArray().add(new JsonObject().put("number", 1).put("sha256", "33".repeat(32)))))));
    for (int i = 0; i < 40; i++) {
      out.add(event(m, 4 + i, "speaker.ended", new JsonObject().put("entry", new JsonObject().put("displayName", "Đại biểu Trần Thị Hương " + i)
          .put("kind", i == 0 ? "POINT_OF_ORDER" : "SPEECH").put("agendaItemId", (i % 2 == 0 ? item1 : internal).toString())
          .put("startedAt", "2026-12-01T01:" + String.format("%02d", i) + ":00Z").put("endedAt", "2026-12-01T01:" + String.format("%02d", i) + ":50Z"))));
    }
    out.add(event(m, 50, "poll.closed", new JsonObject().put("pollId", UUID.randomUUID().toString()).put("agendaItemId", item2.toString())
        .put("ballotsCast", 7)
        .put("spec", new JsonObject().put("title", "Thông qua dự toán").put("secrecy", "SECRET").put("rule", "ABSOLUTE_OF_MEMBERS")
            .put("quorum", new JsonObject().put("kind", "MORE_THAN_HALF_OF_MEMBERS").put("n", 0))
            .put("options", new JsonArray().add(new JsonObject().put("id", "YES").put("label", "Tán thành"))
                .add(new JsonObject().put("id", "NO").put("label", "Không tán thành")).add(new JsonObject().put("id", "ABSTAIN").put("label", "Không biểu quyết"))))
        .put("result", new JsonObject().put("totals", new JsonObject().put("YES", "5").put("NO", "1").put("ABSTAIN", "1")).put("ballots", 7)
            .put("presentWeight", "7").put("membersWeight", "8").put("outcome", new JsonObject().put("verdict", "ADOPTED")))
        .put("published", new JsonObject().put("sha256", "cd".repeat(32)))));
    return out;
  }

  LedgerEvent event(MeetingId m, long seq, String type, JsonObject data) {
    byte[] hash = seq == 50 ? HexFormat.of().parseHex(head) : new byte[32];
    return new LedgerEvent(m, seq, type, Audience.ALL, null, OffsetDateTime.parse("2026-12-01T02:00:00Z"), data.encode(), new byte[32], hash);
  }

  MinutesRecord record() {
    JsonObject header = new JsonObject().put("title", "Kỳ họp thứ Mười, HĐND tỉnh Demo").put("location", "Hội trường tầng 3")
        .put("startsAt", "2026-12-01T01:00:00Z").put("openedAt", "2026-12-01T01:02:00Z").put("closedAt", "2026-12-01T04:30:00Z");
    UUID room = UUID.randomUUID();
    JsonArray people = new JsonArray()
        .add(new JsonObject().put("accountId", UUID.randomUUID().toString()).put("displayName", "Nguyễn Văn Chủ").put("role", "CHAIR").put("attendance", "PRESENT"))
        .add(new JsonObject().put("accountId", UUID.randomUUID().toString()).put("displayName", "Lê Thị Thư").put("role", "SECRETARY").put("attendance", "PRESENT"))
        .add(new JsonObject().put("accountId", UUID.randomUUID().toString()).put("displayName", "Phạm Đức Đạt").put("role", "DELEGATE").put("attendance", "REMOTE")
            .put("attendanceRoomId", room.toString()))
        .add(new JsonObject().put("accountId", UUID.randomUUID().toString()).put("displayName", "Hoàng Yến").put("role", "DELEGATE").put("attendance", "EXCUSED"))
        .add(new JsonObject().put("accountId", room.toString()).put("displayName", "Điểm cầu xã Đông Hải").put("role", "REMOTE_ROOM").put("attendance", "PRESENT"));
    MinutesTexts texts = new MinutesTexts("12/BB-HĐND", "", "Biên bản được lập xong lúc 11 giờ 30.",
        Map.of(item2, new MinutesTexts.ItemText("Các đại biểu thống nhất cao với dự toán.", "Thông qua Nghị quyết về dự toán ngân sách năm 2027.")));
    return MinutesFold.fold(header, people, ledger(), texts, new MinutesFold.Issuer("UBND tỉnh Demo", "Hội đồng nhân dân tỉnh Demo", "Demo"),
        OffsetDateTime.parse("2026-12-01T05:00:00Z"));
  }

  @Test
  @DisplayName("MN1: the record folds the ledger: public items only, documents at their current version, speakers in order, the vote")
  void fold_reads_the_ledger() {
    MinutesRecord r = record();
    assertThat(r.items()).extracting(MinutesRecord.Item::title).containsExactly(ITEM1, ITEM2);
    assertThat(r.items().get(0).speeches()).hasSize(20);
    assertThat(r.items().get(1).documents()).extracting(MinutesRecord.Doc::version).containsExactly(2, 1);
    assertThat(r.items().get(1).documents().get(1).restricted()).isTrue();
    assertThat(r.items().get(1).votes().get(0).verdict()).isEqualTo("ADOPTED");
    assertThat(r.rooms()).singleElement().satisfies(room -> assertThat(room.attendees()).containsExactly("Phạm Đức Đạt"));
    assertThat(r.ledgerSeq()).isEqualTo(50);
    assertThat(r.ledgerHash()).isEqualTo(head);
  }

  @Test
  @DisplayName("MN2: the Vietnamese minutes read back with correct diacritics, the ledger head on every page, qpdf finds no fault")
  void vietnamese_minutes_read_back() throws Exception {
    byte[] pdf = new MinutesPdf(FONTS, ZoneId.of("Asia/Ho_Chi_Minh")).render(record(), MinutesPdf.Lang.VI, MinutesPdf.Stage.DRAFT);
    Path file = dir.resolve("bien-ban.pdf");
    Files.write(file, pdf);
    Files.write(Path.of("target/minutes-vi.pdf"), pdf);
    String text = run("pdftotext", "-layout", file.toString(), "-");
    assertThat(text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BIÊN BẢN", "DỰ THẢO", "Số: 12/BB-HĐND",
        "HỘI ĐỒNG NHÂN DÂN", "Demo, ngày 01 tháng 12 năm 2026", ITEM1, ITEM2, "Dự thảo Nghị quyết ngân sách (phiên bản 2)", "22".repeat(32),
        "Tài liệu hạn chế tiếp cận", "Đại biểu Trần Thị Hương 0 [kiến nghị về thủ tục] (08:00–08:00)", "Tán thành: 5", "THÔNG QUA", "cd".repeat(32),
        "Thông qua Nghị quyết về dự toán ngân sách năm 2027.", "Điểm cầu xã Đông Hải: Phạm Đức Đạt", "Vắng có lý do (1): Hoàng Yến");
    assertThat(text).doesNotContain("Nhân sự mật", "Hồ sơ nhân sự", "Hương 1 ");
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      int pages = doc.getNumberOfPages();
      assertThat(pages).isGreaterThan(1);
      for (int p = 1; p <= pages; p++) {
        String page = run("pdftotext", "-f", "" + p, "-l", "" + p, file.toString(), "-");
        assertThat(page).contains("Sổ ghi cuộc họp #50 · " + head, "Trang " + p + "/" + pages);
      }
      assertThat(doc.getDocumentCatalog().getMetadata()).isNotNull();
      assertThat(doc.getDocumentCatalog().getOutputIntents()).hasSize(1);
    }
    String fonts = run("pdffonts", file.toString());
    assertThat(fonts).contains("DejaVuSerif").doesNotContain(" no  ");
    assertThat(run("qpdf", "--check", file.toString())).contains("No syntax or stream encoding errors");
  }

  @Test
  @DisplayName("MN2: the English variant has the same record in English words")
  void english_minutes() throws Exception {
    byte[] pdf = new MinutesPdf(FONTS, ZoneId.of("Asia/Ho_Chi_Minh")).render(record(), MinutesPdf.Lang.EN, MinutesPdf.Stage.FINAL);
    Path file = dir.resolve("minutes.pdf");
    Files.write(file, pdf);
    String text = run("pdftotext", "-layout", file.toString(), "-");
    assertThat(text).contains("SOCIALIST REPUBLIC OF VIETNAM", "MINUTES", "Summary of the discussion", "Restricted document", "Demo, 1 December 2026", ITEM2, "ADOPTED", "Meeting ledger #50")
        .doesNotContain("DRAFT");
  }

  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
