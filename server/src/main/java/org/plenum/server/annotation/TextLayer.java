package org.plenum.server.annotation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The words of one document version and where they are: what re-anchoring compares between two versions. Read from
 * a PDF by {@link TextLayerReader}; plain data, so that re-anchoring itself is pure.
 */
public record TextLayer(List<Page> pages) {
  public TextLayer {
    pages = List.copyOf(pages);
  }

  /** One page (numbered from 1): its crop box in user space and its words in reading order. */
  public record Page(int number, Rect box, List<Word> words) {
    public Page {
      Objects.requireNonNull(box, "box");
      words = List.copyOf(words);
    }
  }

  /** A word as the PDF shows it, and the box around it in user space (from below the baseline to its top). */
  public record Word(String text, Rect box) {
    public Word {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(box, "box");
    }
  }

  public Optional<Page> page(int number) {
    return number >= 1 && number <= pages.size() ? Optional.of(pages.get(number - 1)) : Optional.empty();
  }
}
