package org.plenum.server.config;

import java.time.Duration;

/**
 * Annotations (protocol §14, AN6–AN9, AN14): sizes of one annotation, quotas per page and per person, how far a
 * shape may reach off its page, how far ahead of the server a device's clock may be, how many operations one
 * {@code annotation.push} carries and how many live stroke frames a second one stroke may send.
 */
public record AnnotationsConfig(int maxPointsPerStroke, int maxQuadsPerHighlight, int maxQuoteChars, int maxNoteChars, int maxPeople,
                                int maxPerPage, int maxPerPerson, int maxStrokeWidth, int offPageMargin, Duration maxClockAhead,
                                int maxReplaces, int maxOpsPerPush, int strokeFramesPerSecond) {

  static AnnotationsConfig from(Settings s) {
    return new AnnotationsConfig(
        s.integer("annotations.max_points_per_stroke", 2, 100_000),
        s.integer("annotations.max_quads_per_highlight", 1, 10_000),
        s.integer("annotations.max_quote_chars", 1, 100_000),
        s.integer("annotations.max_note_chars", 1, 100_000),
        s.integer("annotations.max_people", 1, 10_000),
        s.integer("annotations.max_per_page", 1, 1_000_000),
        s.integer("annotations.max_per_person", 1, 10_000_000),
        s.integer("annotations.max_stroke_width", 1, 1000),
        s.integer("annotations.off_page_margin", 0, 10_000),
        s.duration("annotations.max_clock_ahead", Duration.ZERO, Duration.ofDays(1)),
        s.integer("annotations.max_replaces", 1, 1000),
        s.integer("annotations.max_ops_per_push", 1, 1000),
        s.integer("annotations.stroke_frames_per_second", 1, 1000));
  }
}
