package org.plenum.server.annotation;

import java.util.Locale;
import java.util.regex.Pattern;
import org.plenum.server.core.error.PlenumException;

/** A colour as 24-bit RGB; written {@code #rrggbb} (lower case) on the wire. */
public record Rgb(int value) {
  private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

  public Rgb {
    if (value < 0 || value > 0xFFFFFF) {
      throw PlenumException.badMessage("A colour is 24-bit RGB (got " + value + ").");
    }
  }

  public static Rgb parse(String text) {
    if (text == null || !HEX.matcher(text).matches()) {
      throw PlenumException.badMessage("A colour is written #rrggbb (got '" + text + "').");
    }
    return new Rgb(Integer.parseInt(text.substring(1), 16));
  }

  public int red() {
    return value >> 16 & 0xFF;
  }

  public int green() {
    return value >> 8 & 0xFF;
  }

  public int blue() {
    return value & 0xFF;
  }

  public String hex() {
    return String.format(Locale.ROOT, "#%06x", value);
  }

  @Override
  public String toString() {
    return hex();
  }
}
