package org.plenum.server.pdf;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** A page as a viewer displays it: its visible area (the crop box) turned by its /Rotate. */
final class PageGeometry {

  private PageGeometry() {}

  /** 0, 90, 180 or 270: the page's /Rotate, normalised (anything not a multiple of 90 counts as 0, as in viewers). */
  static int rotation(PDPage page) {
    int r = page.getRotation() % 360;
    if (r < 0) {
      r += 360;
    }
    return r % 90 == 0 ? r : 0;
  }

  /** Width and height in points of the visible area as displayed (crop box, after rotation). */
  static float[] visualSize(PDPage page) {
    PDRectangle box = page.getCropBox();
    float w = box.getWidth();
    float h = box.getHeight();
    int r = rotation(page);
    return r == 90 || r == 270 ? new float[] {h, w} : new float[] {w, h};
  }
}
