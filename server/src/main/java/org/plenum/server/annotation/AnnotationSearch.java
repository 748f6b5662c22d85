package org.plenum.server.annotation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.document.TextFolding;

/**
 * Searching annotations (draft rule AN13): a viewer's own and those it may see ({@link Annotation#visibleTo}),
 * by the text of notes (conflicting texts included) and the quoted text of highlights, with or without Vietnamese
 * accents — folded as document search folds them ({@link TextFolding}). Every word of the query must begin a word
 * of the text ("ngan sach" finds "Dự toán ngân sách"). Newest first.
 */
public final class AnnotationSearch {
  private static final int MAX_QUERY = 200;
  private static final int SNIPPET = 160;

  private AnnotationSearch() {}

  /** One annotation found, and the part of its text that matched. */
  public record Hit(Annotation annotation, String snippet) {}

  public static List<Hit> search(Collection<Annotation> annotations, Viewer viewer, String query, int limit) {
    String folded = TextFolding.fold(query).strip();
    if (folded.isEmpty() || folded.length() > MAX_QUERY) {
      throw PlenumException.badMessage("A search needs 1 to " + MAX_QUERY + " characters.");
    }
    String[] words = folded.split("\\s+");
    List<Hit> hits = new ArrayList<>();
    annotations.stream().filter(a -> a.visibleTo(viewer))
        .sorted(Comparator.comparing(Annotation::updated).reversed().thenComparing(Annotation::id))
        .forEach(a -> match(a, words).ifPresent(text -> hits.add(new Hit(a, snippet(text, words[0])))));
    return hits.subList(0, Math.min(limit, hits.size()));
  }

  /** The first text of {@code a} that holds every word. */
  private static Optional<String> match(Annotation a, String[] words) {
    List<String> texts = new ArrayList<>();
    a.noteTexts().forEach(v -> texts.add(v.text()));
    if (a.shape() instanceof Shape.Highlight h) {
      texts.add(h.quote());
    }
    return texts.stream().filter(t -> holdsAll(TextFolding.fold(t), words)).findFirst();
  }

  private static boolean holdsAll(String foldedText, String[] words) {
    String[] textWords = foldedText.split("[^\\p{L}\\p{N}]+");
    for (String w : words) {
      boolean found = false;
      for (String t : textWords) {
        found |= t.startsWith(w);
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** Up to 160 characters of the text around the first query word (from the start when folding changed lengths). */
  private static String snippet(String text, String firstWord) {
    String folded = TextFolding.fold(text);
    int at = folded.length() == text.length() ? folded.indexOf(firstWord) : -1;
    int start = Math.max(0, at - SNIPPET / 3);
    return text.substring(start, Math.min(text.length(), start + SNIPPET)).replaceAll("\\s+", " ").strip();
  }
}
