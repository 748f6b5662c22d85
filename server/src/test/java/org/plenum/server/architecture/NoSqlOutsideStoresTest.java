package org.plenum.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SQL text lives only in store implementations ({@code Pg….java}) and the database bootstrap ({@code core/db}). */
class NoSqlOutsideStoresTest {
  static final Path MAIN = Path.of("src", "main", "java", "org", "plenum", "server");
  static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  static final Pattern SQL = Pattern.compile("(?is)^\\s*(select\\s.+\\sfrom\\s|select\\s+(exists|1|count)\\b|insert\\s+into\\s|update\\s+\\w+\\s+set\\s"
      + "|delete\\s+from\\s|with\\s+(recursive\\s+)?\\w+\\s*(\\([^)]*\\))?\\s*as\\s*\\(|vacuum(\\s+[\\w.(),]+)*\\s*;?\\s*$|create\\s+(table|index)\\s|alter\\s+table\\s|truncate\\s)");

  /** The SQL-looking string literals of a Java source, as "file:line: text". */
  static List<String> sqlLiterals(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = LITERAL.matcher(lines.get(i));
      while (m.find()) {
        if (SQL.matcher(m.group(1)).find()) {
          out.add(file + ":" + (i + 1) + ": " + m.group(1));
        }
      }
    }
    return out;
  }

  @Test
  @DisplayName("ARCH7: no SQL text outside Pg… store implementations and core/db")
  void no_sql_outside_stores() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        boolean store = f.getFileName().toString().startsWith("Pg");
        boolean bootstrap = f.getParent().endsWith(Path.of("core", "db"));
        if (!store && !bootstrap) {
          found.addAll(sqlLiterals(f));
        }
      }
    }
    assertThat(found).as("SQL outside store implementations").isEmpty();
  }

  @Test
  @DisplayName("ARCH7: the scan recognises SQL (and not ordinary messages)")
  void scan_recognises_sql() throws IOException {
    Path sample = Files.createTempFile("Sample", ".java");
    Files.writeString(sample, String.join("\n",
        "String a = \"select seq from meeting_clock where meeting_id = $1\";",
        "String b = \"insert into ballot (poll_id) values ($1)\";",
        "String c = \"update meeting set status = $2 where id = $1\";",
        "String d = \"with recursive up (id) as (select 1)\";",
        "String e = \"Select a document first.\";",
        "String f = \"Nobody has the floor.\";",
        "String g = \"vacuum (analyze) ballot, poll_voter\";",
        "String h = \"VACUUM of the vote tables after closing poll {} failed: {}\";"));
    assertThat(sqlLiterals(sample)).hasSize(5);
    Files.delete(sample);
  }
}
