package org.plenum.server.annotation;

import java.time.Duration;

/**
 * The limits on annotations, filled from config (suggested keys under {@code annotations.}, in the order of the
 * components: {@code max_points_per_stroke}, {@code max_quads_per_highlight}, {@code max_quote_chars},
 * {@code max_note_chars}, {@code max_people}, {@code max_per_page}, {@code max_per_person},
 * {@code max_stroke_width}, {@code off_page_margin}, {@code max_clock_ahead}, {@code max_replaces}).
 *
 * @param maxPointsPerStroke samples in one ink stroke (a finished stroke must also fit one WebSocket message,
 *     {@code ws.max_message_bytes}: about 25 bytes a sample)
 * @param maxQuadsPerHighlight quads (lines) in one text highlight
 * @param maxQuoteChars characters of a highlight's quoted text
 * @param maxNoteChars characters of a note's text
 * @param maxPeople people named in one {@code PEOPLE} visibility
 * @param maxPerPage live annotations of one person on one page
 * @param maxPerPerson live annotations of one person in one meeting
 * @param maxStrokeWidth line width in points
 * @param offPageMargin how far (points) outside the page box a shape may reach (a stroke that runs over the edge)
 * @param maxClockAhead how far ahead of the server's clock a change's clock may be ({@code STALE_CLOCK} beyond)
 * @param maxReplaces stamps one note edit may name as replaced
 */
public record AnnotationLimits(int maxPointsPerStroke, int maxQuadsPerHighlight, int maxQuoteChars, int maxNoteChars,
    int maxPeople, int maxPerPage, int maxPerPerson, double maxStrokeWidth, double offPageMargin,
    Duration maxClockAhead, int maxReplaces) {

  public static final AnnotationLimits DEFAULTS = new AnnotationLimits(1000, 100, 2000, 4000, 200, 500, 5000, 72,
      72, Duration.ofMinutes(2), 32);

  public AnnotationLimits {
    for (int n : new int[] {maxPointsPerStroke, maxQuadsPerHighlight, maxQuoteChars, maxNoteChars, maxPeople,
        maxPerPage, maxPerPerson, maxReplaces}) {
      if (n < 1) {
        throw new IllegalArgumentException("annotation limits must be at least 1: " + n);
      }
    }
    if (!(maxStrokeWidth > 0) || !(offPageMargin >= 0) || maxClockAhead.isNegative()) {
      throw new IllegalArgumentException("stroke width must be positive, margin and clock allowance not negative");
    }
  }
}
