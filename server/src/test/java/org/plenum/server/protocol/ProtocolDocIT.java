package org.plenum.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.testing.TestServer;

/** docs/protocol.md and the running server agree: every command a meeting socket accepts is documented. */
class ProtocolDocIT {
  @Test
  @DisplayName("DOC1: every command type the gateway accepts is documented in docs/protocol.md")
  void every_command_documented() throws IOException {
    String doc = Files.readString(ProtocolDocTest.DOC);
    Set<String> types;
    try (TestServer server = TestServer.start()) {
      types = server.app().live().commands().types();
    }
    assertThat(types).hasSizeGreaterThan(15);
    for (String type : types) {
      assertThat(doc).as("docs/protocol.md documents `%s`", type).contains("`" + type + "`");
    }
  }
}
