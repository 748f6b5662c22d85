package org.plenum.server.room;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.plenum.server.core.error.PlenumException;

/**
 * The list of remote rooms as a CSV file (RFC 4180): UTF-8, an optional byte order mark, the header
 * {@code code,name,district}, one room per record; fields may be quoted ({@code "Xã Tân Lập, huyện Đan Phượng"},
 * {@code ""} for a quote inside) and a quoted field may span lines. Rule RM2: the whole file is checked before
 * anything is written, and every problem is reported with its line number; one problem rejects the whole file.
 */
public final class RoomCsv {
  public static final List<String> HEADER = List.of("code", "name", "district");
  /** Room codes become part of user names and URLs: letters, digits, '.', '_' and '-'. */
  public static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,40}");
  private static final int MAX_NAME = 200;
  private static final int MAX_REPORTED = 50;

  /** One room as read from the file; {@code line} is where its record starts (the header is line 1). */
  public record Row(int line, String code, String name, String district) {
    public String username() {
      return RoomService.usernameOf(code);
    }
  }

  private RoomCsv() {}

  /** Parses and checks the whole file; BAD_MESSAGE listing every problem (up to 50) when anything is wrong. */
  public static List<Row> parse(byte[] body, int maxRows) {
    String text = decode(body);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Record> records = records(text);
    List<JsonObject> errors = new ArrayList<>();
    if (records.isEmpty() || !header(records.get(0).fields())) {
      int line = records.isEmpty() ? 1 : records.get(0).line();
      throw reject(List.of(error(line, "The first line must be the header 'code,name,district'.")));
    }
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int count = 0;
    for (Record r : records.subList(1, records.size())) {
      if (r.fields().size() == 1 && r.fields().get(0).isBlank()) {
        continue; // an empty line, e.g. at the end of the file
      }
      if (++count > maxRows) {
        errors.add(error(r.line(), "The file lists more than " + maxRows + " rooms (rooms.import_max_rows)."));
        break;
      }
      if (r.fields().size() != HEADER.size()) {
        errors.add(error(r.line(), "Expected 3 fields (code,name,district), found " + r.fields().size() + "."));
        continue;
      }
      String code = r.fields().get(0).strip();
      String name = nfc(r.fields().get(1).strip());
      String district = nfc(r.fields().get(2).strip());
      if (code.isEmpty()) {
        errors.add(error(r.line(), "The room code is empty."));
        continue;
      }
      if (!CODE.matcher(code).matches()) {
        errors.add(error(r.line(), "The room code '" + code + "' may only have 1-40 letters, digits, '.', '_' or '-'."));
        continue;
      }
      if (name.isEmpty() || name.length() > MAX_NAME) {
        errors.add(error(r.line(), "The room name must have 1-" + MAX_NAME + " characters."));
        continue;
      }
      if (district.length() > MAX_NAME) {
        errors.add(error(r.line(), "The district must have at most " + MAX_NAME + " characters."));
        continue;
      }
      Integer first = seen.putIfAbsent(code.toLowerCase(Locale.ROOT), r.line());
      if (first != null) {
        errors.add(error(r.line(), "The room code '" + code + "' is already on line " + first + "."));
        continue;
      }
      rows.add(new Row(r.line(), code, name, district));
    }
    if (!errors.isEmpty()) {
      throw reject(errors);
    }
    if (rows.isEmpty()) {
      throw reject(List.of(error(2, "The file lists no rooms.")));
    }
    return rows;
  }

  static JsonObject error(int line, String message) {
    return new JsonObject().put("line", line).put("message", message);
  }

  /** BAD_MESSAGE naming the lines; every problem (up to 50) under {@code errors}. */
  static PlenumException reject(List<JsonObject> errors) {
    List<JsonObject> shown = errors.subList(0, Math.min(errors.size(), MAX_REPORTED));
    StringBuilder m = new StringBuilder("The room list was not imported (nothing changed): ");
    m.append(errors.size() == 1 ? "1 problem" : errors.size() + " problems");
    for (int i = 0; i < Math.min(shown.size(), 5); i++) {
      m.append(i == 0 ? ": " : "; ").append("line ").append(shown.get(i).getInteger("line")).append(": ").append(shown.get(i).getString("message").replaceAll("\\.$", ""));
    }
    if (errors.size() > 5) {
      m.append("; …");
    }
    return PlenumException.badMessage(m.toString()).withDetails(new JsonArray(new ArrayList<>(shown)));
  }

  private static boolean header(List<String> fields) {
    if (fields.size() != HEADER.size()) {
      return false;
    }
    for (int i = 0; i < fields.size(); i++) {
      if (!fields.get(i).strip().equalsIgnoreCase(HEADER.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Strict UTF-8: a byte sequence that is not UTF-8 is reported with its line (Windows-1258 exports are common). */
  private static String decode(byte[] body) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(body));
      return chars.toString();
    } catch (CharacterCodingException e) {
      int line = 1;
      int bad = firstInvalid(body);
      for (int i = 0; i < bad; i++) {
        if (body[i] == '\n') {
          line++;
        }
      }
      throw reject(List.of(error(line, "The file is not UTF-8 (byte " + (bad + 1) + "); save it as 'CSV UTF-8'.")));
    }
  }

  private static int firstInvalid(byte[] body) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(body.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  private static String nfc(String s) {
    // Vietnamese text arrives composed (NFC) or decomposed (NFD, from macOS): store one form so names compare equal.
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  private record Record(int line, List<String> fields) {}

  /** Splits RFC 4180 records; a stray quote inside an unquoted field or an unclosed quote is a line error. */
  private static List<Record> records(String text) {
    List<Record> out = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean quoted = false;
    boolean wasQuoted = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            throw reject(List.of(error(line, "A quoted field must end with its closing quote followed by ',' or the end of the line.")));
          }
          continue;
        }
        if (c == '\n') {
          line++;
        }
        field.append(c);
        i++;
        continue;
      }
      if (c == '"') {
        if (field.length() > 0 || wasQuoted) {
          throw reject(List.of(error(line, "A quote inside an unquoted field; quote the whole field and double the quote (\"\").")));
        }
        quoted = true;
        wasQuoted = true;
        i++;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
        i++;
      } else if (c == '\r' || c == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
        out.add(new Record(recordLine, List.copyOf(fields)));
        fields.clear();
        i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
        line++;
        recordLine = line;
      } else {
        field.append(c);
        i++;
      }
    }
    if (quoted) {
      throw reject(List.of(error(recordLine, "A quoted field is not closed.")));
    }
    if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
      fields.add(field.toString());
      out.add(new Record(recordLine, List.copyOf(fields)));
    }
    return out;
  }
}
