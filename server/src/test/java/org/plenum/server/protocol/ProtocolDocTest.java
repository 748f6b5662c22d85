package org.plenum.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/protocol.md and the tests agree: every rule is cited by a test (every command documented: ProtocolDocIT). */
class ProtocolDocTest {
  static final Path DOC = Path.of("..", "docs", "protocol.md");
  static final Pattern RULE = Pattern.compile("\\*\\*([A-Z]{1,3}\\d+)\\*\\*");
  static final Pattern DISPLAY_NAME = Pattern.compile("@DisplayName\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  static final Pattern CITED = Pattern.compile("\\b([A-Z]{1,3}\\d+)\\b");

  @Test
  @DisplayName("DOC2: every numbered rule of docs/protocol.md is cited by at least one test")
  void every_rule_cited() throws IOException {
    Set<String> rules = new TreeSet<>();
    Matcher m = RULE.matcher(Files.readString(DOC));
    while (m.find()) {
      rules.add(m.group(1));
    }
    assertThat(rules).contains("R1", "P2", "SQ2", "L2", "B3");
    Set<String> cited = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher d = DISPLAY_NAME.matcher(Files.readString(f));
        while (d.find()) {
          Matcher c = CITED.matcher(d.group(1));
          while (c.find()) {
            cited.add(c.group(1));
          }
        }
      }
    }
    Set<String> uncited = new TreeSet<>(rules);
    uncited.removeAll(cited);
    assertThat(uncited).as("rules in docs/protocol.md that no test cites").isEmpty();
  }
}
