package org.plenum.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.http.JsonBodies;

class UserTextTest {
  record Named(String title, String note) {}

  @Test
  @DisplayName("TX1: Vietnamese text, tabs and line breaks pass; control characters and bidi overrides are BAD_MESSAGE naming the field, "
      + "also inside any JSON request record; strip removes them")
  void refuses_controls_and_overrides() {
    assertThat(UserText.check("title", "Nghị quyết\tkỳ họp\r\nthứ 5")).isEqualTo("Nghị quyết\tkỳ họp\r\nthứ 5");
    for (String bad : new String[] {"invoice\u202Efdp.exe", "a\u0000b", "a\u001Bb", "a\u2067b", "a\u202Ab", "a\u0085b", "a\u007Fb"}) {
      assertThatThrownBy(() -> UserText.check("title", bad)).isInstanceOf(PlenumException.class).hasMessageContaining("'title'");
    }
    assertThat(UserText.strip("invoice\u202Efdp\u0000.exe")).isEqualTo("invoicefdp.exe");
    assertThat(JsonBodies.read(io.vertx.core.buffer.Buffer.buffer("{\"title\":\"Dự toán\",\"note\":\"dòng 1\\ndòng 2\"}"), Named.class).note())
        .isEqualTo("dòng 1\ndòng 2");
    assertThatThrownBy(() -> JsonBodies.read(io.vertx.core.buffer.Buffer.buffer("{\"title\":\"x\",\"note\":\"a\\u202Eb\"}"), Named.class))
        .isInstanceOf(PlenumException.class).hasMessageContaining("'note'").hasMessageContaining("U+202E");
    assertThatThrownBy(() -> JsonBodies.convert(JsonBodies.tree("{\"title\":\"\\u0007\",\"note\":null}"), Named.class))
        .isInstanceOf(PlenumException.class).hasMessageContaining("'title'");
    assertThatThrownBy(() -> JsonBodies.read(io.vertx.core.buffer.Buffer.buffer("{\"title\":1,\"note\":null}"), Named.class))
        .as("number-to-text coercion stays refused").isInstanceOf(PlenumException.class);
  }
}
