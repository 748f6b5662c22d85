package org.plenum.media.agent;

/** Size and rate of a synthetic video source. Small by default: a room agent is a test and control tool, not a camera. */
public record VideoFormat(int width, int height, int fps) {

  /** 320x180 at 15 frames per second. */
  public static final VideoFormat SMALL = new VideoFormat(320, 180, 15);

  public VideoFormat {
    if (width < 64 || width > 1920 || width % 2 != 0) {
      throw new IllegalArgumentException("video width must be even and within 64..1920, was " + width);
    }
    if (height < 36 || height > 1080 || height % 2 != 0) {
      throw new IllegalArgumentException("video height must be even and within 36..1080, was " + height);
    }
    if (fps < 1 || fps > 30) {
      throw new IllegalArgumentException("video fps must be within 1..30, was " + fps);
    }
  }
}
