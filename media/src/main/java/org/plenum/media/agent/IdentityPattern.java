package org.plenum.media.agent;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * Frames that say whose they are. The top three quarters of a frame are 16 vertical bars: 8 bits of the identity
 * code (most significant first, bright = 1) followed by the same 8 bits inverted; the bottom quarter is grey with a
 * white block that moves every frame (so consecutive frames differ and the encoder keeps sending).
 *
 * <p>A receiver samples the middle half of each bar in the luma plane only, so the code survives VP8/H.264
 * compression, colour conversion and the encoder's downscaling (down to 80 px wide). A frame whose bars are not
 * clearly bright or dark, or whose second half is not the inverse of the first (Chromium's fake camera, say), carries
 * no code.
 */
public final class IdentityPattern {

  public static final int MAX_CODE = 255;
  private static final int BITS = 8;
  private static final int BARS = 2 * BITS;
  private static final byte BRIGHT = (byte) 235;
  private static final byte DARK = (byte) 16;
  private static final byte GREY = (byte) 128;
  private static final int BRIGHT_ABOVE = 160;
  private static final int DARK_BELOW = 96;

  private IdentityPattern() {
  }

  /** Paints frame number {@code frameNo} of identity {@code code} into an I420 picture. */
  public static void paint(int code, long frameNo, int width, int height,
      ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v, int strideV) {
    int barRows = height * 3 / 4;
    byte[] barRow = new byte[width];
    for (int x = 0; x < width; x++) {
      int bar = x * BARS / width;
      barRow[x] = bitOf(code, bar) ? BRIGHT : DARK;
    }
    byte[] footRow = new byte[width];
    int block = Math.max(2, width / 16);
    int blockX = (int) ((frameNo * 4) % (width - block));
    for (int x = 0; x < width; x++) {
      footRow[x] = x >= blockX && x < blockX + block ? BRIGHT : GREY;
    }
    for (int row = 0; row < height; row++) {
      y.put(row * strideY, row < barRows ? barRow : footRow);
    }
    int chromaWidth = (width + 1) / 2;
    byte[] neutral = new byte[chromaWidth];
    java.util.Arrays.fill(neutral, GREY);
    for (int row = 0; row < (height + 1) / 2; row++) {
      u.put(row * strideU, neutral);
      v.put(row * strideV, neutral);
    }
  }

  /** The identity code a decoded frame carries, if it carries one. */
  public static OptionalInt read(int width, int height, ByteBuffer y, int strideY) {
    if (width < BARS * 4 || height < 8) {
      return OptionalInt.empty();
    }
    int[] bits = new int[BARS];
    int top = height / 8;
    int bottom = height * 5 / 8;
    for (int bar = 0; bar < BARS; bar++) {
      int from = (4 * bar + 1) * width / (4 * BARS);
      int to = (4 * bar + 3) * width / (4 * BARS);
      long sum = 0;
      int n = 0;
      for (int row = top; row < bottom; row += 2) {
        for (int x = from; x < to; x++) {
          sum += y.get(row * strideY + x) & 0xff;
          n++;
        }
      }
      long mean = sum / Math.max(1, n);
      if (mean > BRIGHT_ABOVE) {
        bits[bar] = 1;
      } else if (mean < DARK_BELOW) {
        bits[bar] = 0;
      } else {
        return OptionalInt.empty();
      }
    }
    int code = 0;
    for (int i = 0; i < BITS; i++) {
      if (bits[i] == bits[i + BITS]) {
        return OptionalInt.empty();
      }
      code = (code << 1) | bits[i];
    }
    return OptionalInt.of(code);
  }

  private static boolean bitOf(int code, int bar) {
    int bit = bar < BITS ? bar : bar - BITS;
    boolean set = ((code >> (BITS - 1 - bit)) & 1) == 1;
    return bar < BITS ? set : !set;
  }
}
