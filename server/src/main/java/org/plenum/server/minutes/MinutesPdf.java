package org.plenum.server.minutes;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.plenum.server.minutes.PdfLayout.Align;
import org.plenum.server.minutes.PdfLayout.Style;

/**
 * Renders {@link MinutesRecord} as the PDF of a Vietnamese administrative record (biên bản, Decree 30/2020/NĐ-CP:
 * issuing body and national title and motto side by side, number and symbol, place and date, the title), or its
 * English variant (MN2). Fonts are embedded (DejaVu Serif, which covers Vietnamese); every page carries its number and
 * the ledger head the record was built from. The file declares PDF/A-2b (XMP identification, sRGB output intent).
 */
public final class MinutesPdf {
  public enum Lang { VI, EN }

  /** DRAFT pages carry "DỰ THẢO"/"DRAFT" above the title; FINAL ones do not. */
  public enum Stage { DRAFT, FINAL }

  private final Path fontDir;
  private final ZoneId zone;

  public MinutesPdf(Path fontDir, ZoneId zone) {
    this.fontDir = fontDir;
    this.zone = zone;
  }

  public byte[] render(MinutesRecord r, Lang lang, Stage stage) {
    Words w = new Words(lang);
    try (PDDocument doc = new PDDocument()) {
      PDType0Font regular = font(doc, "DejaVuSerif.ttf");
      PDType0Font bold = font(doc, "DejaVuSerif-Bold.ttf");
      PDType0Font italic = font(doc, "DejaVuSerif-Italic.ttf");
      Style body = new Style(regular, 12f);
      Style strong = new Style(bold, 12f);
      Style em = new Style(italic, 12f);
      Style heading = new Style(bold, 13f);
      Style small = new Style(regular, 10f);
      PdfLayout l = new PdfLayout(doc);
      MinutesRecord.Header h = r.header();

      // header: issuing body (left), national title and motto (right); number (left), place and date (right)
      List<Object[]> left = new ArrayList<>();
      if (!h.parentBody().isBlank()) {
        left.add(new Object[] {h.parentBody().toUpperCase(w.locale()), new Style(regular, 11f)});
      }
      left.add(new Object[] {h.issuingBody().toUpperCase(w.locale()), new Style(bold, 11f, true)});
      left.add(new Object[] {" ", small});
      left.add(new Object[] {w.number(h.number()), new Style(regular, 12f)});
      List<Object[]> right = new ArrayList<>();
      right.add(new Object[] {w.get("nation"), new Style(bold, 11f)});
      right.add(new Object[] {w.get("motto"), new Style(bold, 12.5f, true)});
      right.add(new Object[] {" ", small});
      right.add(new Object[] {w.placeDate(h.place(), local(h.date())), em});
      l.columns(left, 45f, 200f, right, 245f, 315f);

      l.gap(24f);
      if (stage == Stage.DRAFT) {
        l.para(w.get("draft"), new Style(bold, 12f), Align.CENTER, 0);
      }
      l.para(w.get("minutes"), new Style(bold, 15f), Align.CENTER, 0);
      l.para(w.get("meeting") + " " + h.title(), new Style(bold, 13f), Align.CENTER, 0);
      l.gap(14f);

      l.para(w.get("s1"), heading, Align.LEFT, 0);
      l.para(w.get("startsAt") + ": " + when(local(h.openedAt() != null ? h.openedAt() : h.startsAt()), w), body, Align.LEFT, 14);
      l.para(w.get("location") + ": " + nz(h.location()), body, Align.LEFT, 14);
      l.para(w.get("chair") + ": " + nz(h.chair()), body, Align.LEFT, 14);
      l.para(w.get("secretary") + ": " + nz(h.secretary()), body, Align.LEFT, 14);
      for (String att : List.of("PRESENT", "REMOTE", "EXCUSED", "ABSENT")) {
        List<String> who = r.people().stream().filter(p -> p.attendance().equals(att))
            .map(p -> p.name() + " (" + w.role(p.role()) + (p.roomName() != null && att.equals("REMOTE") ? ", " + p.roomName() : "") + ")").toList();
        l.para(w.attendance(att) + " (" + who.size() + "): " + (who.isEmpty() ? "—" : String.join("; ", who)), body, Align.LEFT, 14);
      }
      if (!r.rooms().isEmpty()) {
        l.para(w.get("rooms") + ":", body, Align.LEFT, 14);
        for (MinutesRecord.Room room : r.rooms()) {
          l.para("– " + room.name() + ": " + (room.attendees().isEmpty() ? "—" : String.join("; ", room.attendees())), body, Align.LEFT, 28);
        }
      }
      if (!h.opening().isBlank()) {
        l.gap(4f);
        l.para(h.opening(), body, Align.LEFT, 0);
      }

      l.gap(8f);
      l.para(w.get("s2"), heading, Align.LEFT, 0);
      for (MinutesRecord.Item item : r.items()) {
        l.gap(6f);
        l.ensure(60f);
        l.para(item.number() + ". " + item.title(), strong, Align.LEFT, 0);
        if (!item.documents().isEmpty()) {
          l.para(w.get("documents") + ":", em, Align.LEFT, 14);
          for (MinutesRecord.Doc d : item.documents()) {
            String title = d.restricted() ? w.get("restricted") : d.title();
            l.para("– " + title + " (" + w.get("version") + " " + d.version() + ")", body, Align.LEFT, 28);
            l.para("SHA-256: " + d.sha256(), small, Align.LEFT, 40);
          }
        }
        if (!item.speeches().isEmpty()) {
          l.para(w.get("speakers") + ":", em, Align.LEFT, 14);
          for (MinutesRecord.Speech s : item.speeches()) {
            l.para("– " + s.name() + (s.kind() != null && !s.kind().equals("SPEECH") ? " [" + w.kind(s.kind()) + "]" : "")
                + " (" + hm(local(s.startedAt())) + "–" + hm(local(s.endedAt())) + ")", body, Align.LEFT, 28);
          }
        }
        if (!item.summary().isBlank()) {
          l.para(w.get("summary") + ":", em, Align.LEFT, 14);
          l.para(item.summary(), body, Align.LEFT, 28);
        }
        for (MinutesRecord.Vote v : item.votes()) {
          l.para(w.get("vote") + ": " + v.title(), em, Align.LEFT, 14);
          l.para(w.get("form") + ": " + w.secrecy(v.secrecy()) + "; " + w.get("rule") + ": " + w.rule(v.rule()) + "; "
              + w.get("quorum") + ": " + w.quorum(v.quorum()), body, Align.LEFT, 28);
          l.para(w.get("turnout") + ": " + v.presentWeight() + "/" + v.membersWeight() + "; " + w.get("ballots") + ": " + v.ballots(), body, Align.LEFT, 28);
          l.para(String.join("; ", v.counts().stream().map(c -> c.label() + ": " + c.weight()).toList()), body, Align.LEFT, 28);
          l.para(w.get("outcome") + ": " + w.verdict(v.verdict()) + (v.elected().isEmpty() ? "" : " — " + String.join(", ", v.elected()))
              + " (" + hm(local(v.closedAt())) + ")", strong, Align.LEFT, 28);
          l.para(w.get("published") + " SHA-256: " + v.publishedSha256(), small, Align.LEFT, 40);
        }
        if (!item.decision().isBlank()) {
          l.para(w.get("decision") + ":", em, Align.LEFT, 14);
          l.para(item.decision(), strong, Align.LEFT, 28);
        }
      }

      l.gap(10f);
      l.para(w.get("s3"), heading, Align.LEFT, 0);
      if (h.closedAt() != null) {
        l.para(w.get("closedAt") + " " + when(local(h.closedAt()), w) + ".", body, Align.LEFT, 14);
      }
      if (!h.closing().isBlank()) {
        l.para(h.closing(), body, Align.LEFT, 14);
      }
      l.gap(16f);
      l.ensure(110f);
      float half = l.width() / 2f;
      List<Object[]> sec = List.of(new Object[] {w.get("secretarySign"), strong}, new Object[] {w.get("signHint"), em},
          new Object[] {" ", body}, new Object[] {" ", body}, new Object[] {" ", body}, new Object[] {nz(h.secretary()), strong});
      List<Object[]> chair = List.of(new Object[] {w.get("chairSign"), strong}, new Object[] {w.get("signHint"), em},
          new Object[] {" ", body}, new Object[] {" ", body}, new Object[] {" ", body}, new Object[] {nz(h.chair()), strong});
      l.columns(sec, PdfLayout.LEFT, half, chair, PdfLayout.LEFT + half, half);
      l.finish();

      footers(doc, new Style(regular, 8f), r, w);
      pdfa(doc, h.title(), w);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void footers(PDDocument doc, Style style, MinutesRecord r, Words w) throws IOException {
    int n = doc.getNumberOfPages();
    int i = 0;
    for (PDPage page : doc.getPages()) {
      i++;
      try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
        String left = w.get("ledger") + " #" + r.ledgerSeq() + " · " + r.ledgerHash();
        String right = w.get("page") + " " + i + "/" + n;
        cs.beginText();
        cs.setFont(style.font(), style.size());
        cs.newLineAtOffset(PdfLayout.LEFT, 40f);
        cs.showText(PdfLayout.printable(style.font(), left));
        cs.endText();
        float rw = PdfLayout.width(style, right);
        cs.beginText();
        cs.setFont(style.font(), style.size());
        cs.newLineAtOffset(PdfLayout.SIZE.getWidth() - PdfLayout.RIGHT - rw, 40f);
        cs.showText(right);
        cs.endText();
      }
    }
  }

  /** PDF/A-2b identification: XMP metadata matching the info dictionary, and an sRGB output intent. */
  private static void pdfa(PDDocument doc, String title, Words w) throws IOException {
    Calendar now = GregorianCalendar.getInstance();
    PDDocumentInformation info = doc.getDocumentInformation();
    String fullTitle = w.get("minutes") + " — " + title;
    info.setTitle(fullTitle);
    info.setProducer("Plenum");
    info.setCreationDate(now);
    info.setModificationDate(now);
    String stamp = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(((GregorianCalendar) now).toZonedDateTime().withNano(0));
    String xmp = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"><pdfaid:part>2</pdfaid:part>"
        + "<pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n"
        + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:format>application/pdf</dc:format>"
        + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml(fullTitle) + "</rdf:li></rdf:Alt></dc:title></rdf:Description>\n"
        + "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"><pdf:Producer>Plenum</pdf:Producer></rdf:Description>\n"
        + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"><xmp:CreateDate>" + stamp + "</xmp:CreateDate>"
        + "<xmp:ModifyDate>" + stamp + "</xmp:ModifyDate></rdf:Description>\n"
        + "</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
    PDMetadata metadata = new PDMetadata(doc);
    metadata.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
    doc.getDocumentCatalog().setMetadata(metadata);
    byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    PDOutputIntent intent = new PDOutputIntent(doc, new ByteArrayInputStream(icc));
    intent.setInfo("sRGB IEC61966-2.1");
    intent.setOutputCondition("sRGB IEC61966-2.1");
    intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
    intent.setRegistryName("http://www.color.org");
    doc.getDocumentCatalog().addOutputIntent(intent);
    doc.getDocumentCatalog().setLanguage(w.lang == Lang.VI ? "vi-VN" : "en");
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private PDType0Font font(PDDocument doc, String file) throws IOException {
    Path p = fontDir.resolve(file);
    byte[] bytes = withoutGsub(Files.isReadable(p) ? Files.readAllBytes(p) : bundled());
    return PDType0Font.load(doc, new RandomAccessReadBuffer(bytes), true, false);
  }

  /**
   * The font with its GSUB table hidden (tag renamed), so PDFBox writes no ligatures: "ff" in a hash or an English
   * word stays two letters for text extraction and search. Vietnamese needs no substitution (DejaVu has the
   * precomposed letters).
   */
  static byte[] withoutGsub(byte[] ttf) {
    byte[] out = ttf.clone();
    int tables = ((out[4] & 0xff) << 8) | (out[5] & 0xff);
    for (int i = 0; i < tables; i++) {
      int at = 12 + 16 * i;
      if (at + 4 <= out.length && out[at] == 'G' && out[at + 1] == 'S' && out[at + 2] == 'U' && out[at + 3] == 'B') {
        out[at] = 'g';
        out[at + 1] = 's';
        out[at + 2] = 'u';
        out[at + 3] = 'b';
      }
    }
    return out;
  }

  /** DejaVu Sans from the classpath when the system has no DejaVu Serif (then one face for all styles). */
  private static byte[] bundled() throws IOException {
    try (InputStream in = MinutesPdf.class.getClassLoader().getResourceAsStream("fonts/DejaVuSans.ttf")) {
      if (in == null) {
        throw new IOException("No font for the minutes: neither the font folder nor fonts/DejaVuSans.ttf on the classpath");
      }
      return in.readAllBytes();
    }
  }

  private OffsetDateTime local(OffsetDateTime t) {
    return t == null ? null : t.atZoneSameInstant(zone).toOffsetDateTime();
  }

  private static String nz(String s) {
    return s == null || s.isBlank() ? "—" : s;
  }

  private static String hm(OffsetDateTime t) {
    return t == null ? "…" : DateTimeFormatter.ofPattern("HH:mm").format(t);
  }

  private static String when(OffsetDateTime t, Words w) {
    return t == null ? "—" : w.when(t);
  }

  /** The fixed words of the minutes in one language. */
  static final class Words {
    final Lang lang;

    Words(Lang lang) {
      this.lang = lang;
    }

    java.util.Locale locale() {
      return lang == Lang.VI ? java.util.Locale.forLanguageTag("vi") : java.util.Locale.ENGLISH;
    }

    private static final Map<String, String[]> WORDS = Map.ofEntries(
        Map.entry("nation", new String[] {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"}),
        Map.entry("motto", new String[] {"Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"}),
        Map.entry("draft", new String[] {"DỰ THẢO", "DRAFT"}),
        Map.entry("minutes", new String[] {"BIÊN BẢN", "MINUTES"}),
        Map.entry("meeting", new String[] {"Cuộc họp", "Meeting:"}),
        Map.entry("s1", new String[] {"I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN THAM DỰ", "I. TIME, PLACE AND ATTENDANCE"}),
        Map.entry("s2", new String[] {"II. NỘI DUNG CUỘC HỌP", "II. PROCEEDINGS"}),
        Map.entry("s3", new String[] {"III. KẾT THÚC CUỘC HỌP", "III. CLOSE OF THE MEETING"}),
        Map.entry("startsAt", new String[] {"Thời gian", "Time"}),
        Map.entry("location", new String[] {"Địa điểm", "Place"}),
        Map.entry("chair", new String[] {"Chủ trì", "Chair"}),
        Map.entry("secretary", new String[] {"Thư ký", "Secretary"}),
        Map.entry("rooms", new String[] {"Các điểm cầu trực tuyến", "Remote rooms"}),
        Map.entry("documents", new String[] {"Tài liệu", "Documents"}),
        Map.entry("version", new String[] {"phiên bản", "version"}),
        Map.entry("restricted", new String[] {"Tài liệu hạn chế tiếp cận", "Restricted document"}),
        Map.entry("speakers", new String[] {"Ý kiến phát biểu", "Speakers"}),
        Map.entry("summary", new String[] {"Tóm tắt thảo luận", "Summary of the discussion"}),
        Map.entry("decision", new String[] {"Kết luận", "Decision"}),
        Map.entry("vote", new String[] {"Biểu quyết", "Vote"}),
        Map.entry("form", new String[] {"Hình thức", "Form"}),
        Map.entry("rule", new String[] {"Tỷ lệ thông qua", "Majority"}),
        Map.entry("quorum", new String[] {"Số lượng tối thiểu", "Quorum"}),
        Map.entry("turnout", new String[] {"Có mặt/Tổng số", "Present/Members"}),
        Map.entry("ballots", new String[] {"Số phiếu", "Ballots"}),
        Map.entry("outcome", new String[] {"Kết quả", "Outcome"}),
        Map.entry("published", new String[] {"Danh sách công bố", "Published list"}),
        Map.entry("closedAt", new String[] {"Cuộc họp kết thúc lúc", "The meeting closed at"}),
        Map.entry("secretarySign", new String[] {"THƯ KÝ", "SECRETARY"}),
        Map.entry("chairSign", new String[] {"CHỦ TRÌ", "CHAIR"}),
        Map.entry("signHint", new String[] {"(Ký số)", "(Digitally signed)"}),
        Map.entry("ledger", new String[] {"Sổ ghi cuộc họp", "Meeting ledger"}),
        Map.entry("page", new String[] {"Trang", "Page"}));

    String get(String key) {
      return WORDS.get(key)[lang.ordinal()];
    }

    private String pick(String vi, String en) {
      return lang == Lang.VI ? vi : en;
    }

    String number(String number) {
      return pick("Số: ", "No.: ") + (number == null || number.isBlank() ? pick("   /BB-", "   /BB-") : number);
    }

    String placeDate(String place, OffsetDateTime d) {
      if (d == null) {
        return place;
      }
      return lang == Lang.VI
          ? place + ", ngày " + String.format("%02d", d.getDayOfMonth()) + " tháng " + String.format("%02d", d.getMonthValue()) + " năm " + d.getYear()
          : place + ", " + DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH).format(d);
    }

    String when(OffsetDateTime t) {
      return lang == Lang.VI
          ? DateTimeFormatter.ofPattern("HH 'giờ' mm, 'ngày' dd/MM/yyyy").format(t)
          : DateTimeFormatter.ofPattern("HH:mm, d MMMM yyyy", java.util.Locale.ENGLISH).format(t);
    }

    String role(String role) {
      return switch (role) {
        case "CHAIR" -> pick("chủ trì", "chair");
        case "SECRETARY" -> pick("thư ký", "secretary");
        case "DELEGATE" -> pick("đại biểu", "delegate");
        case "OBSERVER" -> pick("khách mời", "guest");
        default -> role.toLowerCase(java.util.Locale.ROOT);
      };
    }

    String attendance(String a) {
      return switch (a) {
        case "PRESENT" -> pick("Có mặt", "Present");
        case "REMOTE" -> pick("Dự trực tuyến qua điểm cầu", "Attended through a remote room");
        case "EXCUSED" -> pick("Vắng có lý do", "Excused");
        default -> pick("Vắng mặt", "Absent");
      };
    }

    String kind(String k) {
      return switch (k) {
        case "POINT_OF_ORDER" -> pick("kiến nghị về thủ tục", "point of order");
        case "QUESTION" -> pick("chất vấn", "question");
        case "REPLY" -> pick("trả lời", "reply");
        default -> k.toLowerCase(java.util.Locale.ROOT);
      };
    }

    String secrecy(String s) {
      return s.equals("SECRET") ? pick("bỏ phiếu kín", "secret ballot") : pick("biểu quyết công khai", "named vote");
    }

    String rule(String r) {
      return switch (r) {
        case "SIMPLE" -> pick("quá 1/2 số phiếu biểu quyết", "more than 1/2 of votes cast");
        case "ABSOLUTE_OF_MEMBERS" -> pick("quá 1/2 tổng số đại biểu", "more than 1/2 of all members");
        case "TWO_THIRDS_OF_PRESENT" -> pick("từ 2/3 số đại biểu có mặt trở lên", "at least 2/3 of members present");
        case "TWO_THIRDS_OF_VALID" -> pick("từ 2/3 số phiếu biểu quyết trở lên", "at least 2/3 of votes cast");
        case "RELATIVE" -> pick("nhiều phiếu nhất", "most votes");
        default -> r;
      };
    }

    String quorum(String q) {
      if (q.startsWith("AT_LEAST_N:")) {
        String n = q.substring(11);
        return n.equals("0") ? pick("không yêu cầu", "none") : pick("ít nhất " + n + " đại biểu", "at least " + n + " members");
      }
      return switch (q) {
        case "MORE_THAN_HALF_OF_MEMBERS" -> pick("quá 1/2 tổng số đại biểu", "more than half of the members");
        case "TWO_THIRDS_OF_MEMBERS" -> pick("2/3 tổng số đại biểu", "two thirds of the members");
        default -> q;
      };
    }

    String verdict(String v) {
      return switch (v) {
        case "ADOPTED" -> pick("THÔNG QUA", "ADOPTED");
        case "REJECTED" -> pick("KHÔNG THÔNG QUA", "REJECTED");
        case "ELECTED" -> pick("TRÚNG CỬ", "ELECTED");
        case "TIE" -> pick("HÒA PHIẾU", "TIE");
        case "NO_QUORUM" -> pick("KHÔNG ĐỦ SỐ LƯỢNG TỐI THIỂU", "NO QUORUM");
        default -> v;
      };
    }
  }
}
