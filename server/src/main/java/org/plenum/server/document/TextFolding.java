package org.plenum.server.document;

import java.text.Normalizer;
import java.util.Locale;
import org.plenum.server.core.FeatureApi;

/**
 * Accent folding for search: Vietnamese (and any Latin) text without diacritics, lower case, so that
 * "Nghị quyết ngân sách" and "nghi quyet ngan sach" are the same words. đ/Đ become d. Shared with features that search
 * text of their own (annotations).
 */
@FeatureApi
public final class TextFolding {
  private TextFolding() {}

  public static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      out.append(c == 'đ' || c == 'Đ' ? 'd' : c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
