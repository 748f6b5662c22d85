package org.plenum.media.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdentityPatternTest {

  @Test
  @DisplayName("every code painted at 320x180, 160x90 and 80x46 reads back as itself, on any frame number")
  void codes_round_trip() {
    for (int[] size : new int[][] {{320, 180}, {160, 90}, {80, 46}}) {
      for (int code = 0; code <= IdentityPattern.MAX_CODE; code++) {
        assertThat(paintAndRead(code, code * 7L, size[0], size[1])).as("code %d at %dx%d", code, size[0], size[1])
            .hasValue(code);
      }
    }
  }

  @Test
  @DisplayName("a flat grey frame and a frame whose halves are not inverse carry no code")
  void foreign_frames_carry_no_code() {
    int w = 320;
    int h = 180;
    ByteBuffer grey = ByteBuffer.allocate(w * h);
    for (int i = 0; i < w * h; i++) {
      grey.put(i, (byte) 128);
    }
    assertThat(IdentityPattern.read(w, h, grey, w)).isEmpty();

    ByteBuffer allBright = ByteBuffer.allocate(w * h);
    for (int i = 0; i < w * h; i++) {
      allBright.put(i, (byte) 235);
    }
    assertThat(IdentityPattern.read(w, h, allBright, w)).isEmpty();
  }

  private static OptionalInt paintAndRead(int code, long frameNo, int w, int h) {
    int cw = (w + 1) / 2;
    int ch = (h + 1) / 2;
    ByteBuffer y = ByteBuffer.allocate(w * h);
    ByteBuffer u = ByteBuffer.allocate(cw * ch);
    ByteBuffer v = ByteBuffer.allocate(cw * ch);
    IdentityPattern.paint(code, frameNo, w, h, y, w, u, cw, v, cw);
    return IdentityPattern.read(w, h, y, w);
  }
}
