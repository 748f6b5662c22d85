package org.plenum.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/** MV16: {@code media.subscribe} {@code quality} and the Janus subscriber stream it becomes. */
class MediaSubscribeQualityTest {
  static final String FEED = "9a1c7c8e-0d4f-4a43-9d0e-5b3b8e0f6a11";

  @Test
  @DisplayName("MV16: quality is optional (full), \"thumbnail\" or \"full\"; anything else is BAD_MESSAGE")
  void quality_values() {
    assertThat(new MediaCommands.Subscribe("speaker", null, null).thumbnail()).isFalse();
    assertThat(new MediaCommands.Subscribe(FEED, "full", null).thumbnail()).isFalse();
    assertThat(new MediaCommands.Subscribe(FEED, "thumbnail", null).thumbnail()).isTrue();
    assertThatThrownBy(() -> new MediaCommands.Subscribe(FEED, "low", null))
        .isInstanceOfSatisfying(PlenumException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE));
  }

  @Test
  @DisplayName("MV16: a thumbnail asks Janus for substream 0 and temporal layer 0; a full subscription sets no target")
  void janus_stream_entry() {
    assertThat(MediaPeer.stream(FEED, true))
        .isEqualTo(new JsonObject().put("feed", FEED).put("substream", 0).put("temporal", 0));
    assertThat(MediaPeer.stream(FEED, false)).isEqualTo(new JsonObject().put("feed", FEED));
  }
}
