package org.plenum.server.annotation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Carries annotations to a new version of their document (draft rule AN10), comparing the text layers of both:
 *
 * <ul>
 *   <li>a highlight goes where its quoted words now are — the occurrence whose surrounding words match best when
 *       they occur more than once — with new quads, one per line;
 *   <li>anything else (ink, notes, shapes) goes with the words nearest to it on its page (a short phrase of them,
 *       found again the same way): it moves by as much as they moved, onto their page;
 *   <li>far from any text, it stays at the same spot on the page of the new version that is clearly the same page
 *       (nearly the same words, and no other page as close).
 * </ul>
 *
 * Whatever cannot be placed with confidence is {@link Reanchored.Orphaned orphaned} with the reason; nothing is
 * dropped. Words are compared after Unicode normalisation, in lower case, without surrounding punctuation. Pure:
 * read the text layers with {@link TextLayerReader} first (on a worker thread).
 */
public final class Reanchoring {

  /**
   * @param contextWords words on each side that tell repeated text apart
   * @param anchorWords length of the phrase a non-text annotation is tied to
   * @param minUniqueWords a phrase found once is trusted when it has this many words (else its context decides)
   * @param nearText how near (points) text must be for an annotation to go with it
   * @param samePage share of common words that makes a page of the new version "the same page"
   * @param offPageMargin how far (points) a moved annotation may reach outside its new page
   */
  public record Settings(int contextWords, int anchorWords, int minUniqueWords, double nearText, double samePage,
      double offPageMargin) {
    public static final Settings DEFAULTS = new Settings(8, 6, 3, 144, 0.9, 36);
  }

  private record Token(int page, int index, String text, Rect box) {}

  private record Match(int start, Reanchored.Reason failure, String why) {
    static Match at(int start) {
      return new Match(start, null, null);
    }

    static Match failed(Reanchored.Reason reason, String why) {
      return new Match(-1, reason, why);
    }
  }

  private final Settings settings;
  private final TextLayer beforeLayer;
  private final TextLayer afterLayer;
  private final List<Token> before;
  private final List<Token> after;
  private final Map<String, List<Integer>> beforeIndex;
  private final Map<String, List<Integer>> afterIndex;

  public Reanchoring(TextLayer before, TextLayer after, Settings settings) {
    this.settings = settings;
    this.beforeLayer = before;
    this.afterLayer = after;
    this.before = tokens(before);
    this.after = tokens(after);
    this.beforeIndex = index(this.before);
    this.afterIndex = index(this.after);
  }

  /** Every annotation (of the old version) carried to {@code newVersion}, in the order given. */
  public static List<Reanchored> carry(TextLayer before, TextLayer after, int newVersion,
      Collection<Annotation> annotations) {
    Reanchoring r = new Reanchoring(before, after, Settings.DEFAULTS);
    return annotations.stream().map(a -> r.carry(a, newVersion)).toList();
  }

  public Reanchored carry(Annotation a, int newVersion) {
    int page = a.anchor().page();
    if (beforeLayer.page(page).isEmpty()) {
      return orphan(a, Reanchored.Reason.PAGE_NOT_FOUND, "The old version has no page " + page + ".");
    }
    return a.shape() instanceof Shape.Highlight h ? highlight(a, h, newVersion) : surroundings(a, newVersion);
  }

  // ---- highlights: their own words

  private Reanchored highlight(Annotation a, Shape.Highlight h, int version) {
    int page = a.anchor().page();
    Rect quads = h.bounds();
    List<String> quote = words(h.quote());
    List<String> phrase = quote;
    int oldStart = find(beforeIndex, before, quote).stream().filter(i -> before.get(i).page == page)
        .min(Comparator.comparingDouble(i -> span(before, i, quote.size()).distanceTo(quads))).orElse(-1);
    if (oldStart < 0) { // the client's quote differs from this text layer: take the words under the quads
      List<Token> under = before.stream().filter(t -> t.page == page)
          .filter(t -> h.quads().stream().anyMatch(q -> Rect.around(q.corners()).contains(t.box.centre()))).toList();
      if (under.isEmpty()) {
        return orphan(a, Reanchored.Reason.TEXT_NOT_FOUND, "The highlighted text " + quoted(h.quote())
            + " is not in the old version's text layer.");
      }
      oldStart = under.get(0).index;
      phrase = before.subList(oldStart, under.get(under.size() - 1).index + 1).stream().map(Token::text).toList();
    }
    Match m = match(phrase, oldStart, quoted(h.quote()));
    if (m.failure != null) {
      return orphan(a, m.failure, m.why);
    }
    List<Token> hit = after.subList(m.start, m.start + phrase.size());
    if (hit.get(0).page != hit.get(hit.size() - 1).page) {
      return orphan(a, Reanchored.Reason.SPLIT_ACROSS_PAGES, "The highlighted text " + quoted(h.quote())
          + " now runs from page " + hit.get(0).page + " onto page " + hit.get(hit.size() - 1).page + ".");
    }
    return placeOn(a, version, hit.get(0).page, new Shape.Highlight(lineQuads(hit), h.quote()));
  }

  // ---- everything else: the words around it

  private Reanchored surroundings(Annotation a, int version) {
    int page = a.anchor().page();
    Rect bounds = a.shape().bounds();
    List<Token> near = before.stream().filter(t -> t.page == page && t.box.distanceTo(bounds) <= settings.nearText())
        .sorted(Comparator.comparingDouble(t -> t.box.distanceTo(bounds))).toList();
    if (near.isEmpty()) {
      return samePage(a, version);
    }
    Reanchored failed = null;
    List<Double> linesTried = new ArrayList<>();
    for (Token t : near) {
      if (linesTried.size() == 3) {
        break;
      }
      if (linesTried.stream().anyMatch(y -> Math.abs(y - t.box.y0()) < t.box.height() / 2)) {
        continue;
      }
      linesTried.add(t.box.y0());
      int from = Math.max(firstOnPage(t), t.index - settings.anchorWords() / 2);
      int to = Math.min(lastOnPage(t) + 1, from + settings.anchorWords());
      List<String> phrase = before.subList(from, to).stream().map(Token::text).toList();
      Match m = match(phrase, from, quoted(String.join(" ", phrase)));
      if (m.failure == null) {
        Token moved = after.get(m.start + t.index - from);
        Shape shape = a.shape().translated(moved.box.x0() - t.box.x0(), moved.box.y0() - t.box.y0());
        return placeOn(a, version, moved.page, shape);
      }
      failed = failed != null ? failed : orphan(a, m.failure, "The text next to it, " + m.why.substring(0, 1)
          .toLowerCase(Locale.ROOT) + m.why.substring(1));
    }
    return failed;
  }

  /** Far from text: the same spot on the page of the new version that has nearly the same words, if just one has. */
  private Reanchored samePage(Annotation a, int version) {
    int page = a.anchor().page();
    Map<String, Integer> words = bag(before, page);
    if (words.isEmpty()) {
      return orphan(a, Reanchored.Reason.NO_TEXT_NEARBY, "Page " + page + " has no text to find it by.");
    }
    double best = 0;
    double second = 0;
    int bestPage = -1;
    for (TextLayer.Page p : afterLayer.pages()) {
      double similarity = similarity(words, bag(after, p.number()));
      if (similarity > best) {
        second = best;
        best = similarity;
        bestPage = p.number();
      } else if (similarity > second) {
        second = similarity;
      }
    }
    if (best < settings.samePage() || second >= best) {
      return orphan(a, Reanchored.Reason.NO_TEXT_NEARBY, "No text near it, and no page of the new version is "
          + "clearly page " + page + " (best match " + Math.round(best * 100) + "% of the words).");
    }
    return placeOn(a, version, bestPage, a.shape());
  }

  // ---- matching

  /** Where {@code phrase} (at {@code oldStart} in the old version) is in the new one, if that is clear. */
  private Match match(List<String> phrase, int oldStart, String what) {
    List<Integer> found = find(afterIndex, after, phrase);
    if (found.isEmpty()) {
      return Match.failed(Reanchored.Reason.TEXT_NOT_FOUND, what + " is not in the new version.");
    }
    int oldEnd = oldStart + phrase.size();
    int best = -1;
    int bestScore = -1;
    int secondScore = -1;
    for (int start : found) {
      int score = overlap(before, oldStart, oldEnd, start, start + phrase.size());
      if (score > bestScore) {
        secondScore = bestScore;
        bestScore = score;
        best = start;
      } else if (score > secondScore) {
        secondScore = score;
      }
    }
    boolean contextDecides = bestScore >= settings.contextWords() / 2;
    boolean confident = found.size() == 1 ? phrase.size() >= settings.minUniqueWords() || contextDecides
        : bestScore > secondScore && contextDecides;
    if (!confident) {
      return Match.failed(Reanchored.Reason.AMBIGUOUS, what + (found.size() == 1
          ? " has too few words, and too little around it, to place with confidence."
          : " is in the new version " + found.size() + " times and the text around it does not tell which."));
    }
    return Match.at(best);
  }

  /** How many of the words around [oldStart, oldEnd) are also around [newStart, newEnd). */
  private int overlap(List<Token> old, int oldStart, int oldEnd, int newStart, int newEnd) {
    int k = settings.contextWords();
    return common(window(old, oldStart - k, oldStart), window(after, newStart - k, newStart))
        + common(window(old, oldEnd, oldEnd + k), window(after, newEnd, newEnd + k));
  }

  private static List<Integer> find(Map<String, List<Integer>> index, List<Token> tokens, List<String> phrase) {
    if (phrase.isEmpty()) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>();
    for (int start : index.getOrDefault(phrase.get(0), List.of())) {
      if (start + phrase.size() <= tokens.size() && matchesAt(tokens, start, phrase)) {
        out.add(start);
      }
    }
    return out;
  }

  private static boolean matchesAt(List<Token> tokens, int start, List<String> phrase) {
    for (int i = 0; i < phrase.size(); i++) {
      if (!tokens.get(start + i).text.equals(phrase.get(i))) {
        return false;
      }
    }
    return true;
  }

  // ---- placing

  private Reanchored placeOn(Annotation a, int version, int page, Shape shape) {
    Rect box = afterLayer.page(page).map(TextLayer.Page::box).orElseThrow();
    Rect allowed = box.grown(settings.offPageMargin());
    if (!shape.points().stream().allMatch(allowed::contains)) {
      return orphan(a, Reanchored.Reason.OFF_PAGE, "Moved with its text, it would lie off page " + page + ".");
    }
    return new Reanchored.Moved(a.id(), new Placement(a.anchor().onPage(version, page), shape));
  }

  /** One quad per line of the words (a new line where the baseline moves by more than half a word's height). */
  private static List<Quad> lineQuads(List<Token> words) {
    List<Quad> quads = new ArrayList<>();
    List<Rect> line = new ArrayList<>();
    for (Token t : words) {
      if (!line.isEmpty() && Math.abs(line.get(0).y0() - t.box.y0()) > line.get(0).height() / 2) {
        quads.add(Quad.of(around(line)));
        line.clear();
      }
      line.add(t.box);
    }
    quads.add(Quad.of(around(line)));
    return quads;
  }

  private static Rect around(List<Rect> boxes) {
    List<Point> corners = new ArrayList<>();
    boxes.forEach(b -> corners.addAll(b.corners()));
    return Rect.around(corners);
  }

  private static Reanchored.Orphaned orphan(Annotation a, Reanchored.Reason reason, String detail) {
    return new Reanchored.Orphaned(a.id(), reason, detail);
  }

  // ---- words

  /** A word as compared: NFC, lower case, without punctuation around it; empty for punctuation alone. */
  static String normalise(String word) {
    String w = Normalizer.normalize(word, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    int start = 0;
    int end = w.length();
    while (start < end && !Character.isLetterOrDigit(w.codePointAt(start))) {
      start += Character.charCount(w.codePointAt(start));
    }
    while (end > start && !Character.isLetterOrDigit(w.codePointBefore(end))) {
      end -= Character.charCount(w.codePointBefore(end));
    }
    return w.substring(start, end);
  }

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.trim().split("\\s+")) {
      String n = normalise(w);
      if (!n.isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  private static List<Token> tokens(TextLayer layer) {
    List<Token> out = new ArrayList<>();
    for (TextLayer.Page p : layer.pages()) {
      for (TextLayer.Word w : p.words()) {
        String n = normalise(w.text());
        if (!n.isEmpty()) {
          out.add(new Token(p.number(), out.size(), n, w.box()));
        }
      }
    }
    return out;
  }

  private static Map<String, List<Integer>> index(List<Token> tokens) {
    Map<String, List<Integer>> index = new HashMap<>();
    tokens.forEach(t -> index.computeIfAbsent(t.text, k -> new ArrayList<>()).add(t.index));
    return index;
  }

  private static Map<String, Integer> bag(List<Token> tokens, int page) {
    Map<String, Integer> bag = new HashMap<>();
    tokens.stream().filter(t -> t.page == page).forEach(t -> bag.merge(t.text, 1, Integer::sum));
    return bag;
  }

  private static List<String> window(List<Token> tokens, int from, int to) {
    return tokens.subList(Math.max(0, from), Math.min(tokens.size(), Math.max(0, to))).stream().map(Token::text)
        .toList();
  }

  private static int common(List<String> a, List<String> b) {
    Map<String, Integer> counts = new HashMap<>();
    a.forEach(w -> counts.merge(w, 1, Integer::sum));
    int n = 0;
    for (String w : b) {
      if (counts.getOrDefault(w, 0) > 0) {
        counts.merge(w, -1, Integer::sum);
        n++;
      }
    }
    return n;
  }

  /** Common words over all words (multiset Jaccard). */
  private static double similarity(Map<String, Integer> a, Map<String, Integer> b) {
    int common = 0;
    int all = 0;
    for (String w : union(a, b)) {
      int x = a.getOrDefault(w, 0);
      int y = b.getOrDefault(w, 0);
      common += Math.min(x, y);
      all += Math.max(x, y);
    }
    return all == 0 ? 0 : (double) common / all;
  }

  private static Collection<String> union(Map<String, Integer> a, Map<String, Integer> b) {
    Set<String> all = new HashSet<>(a.keySet());
    all.addAll(b.keySet());
    return all;
  }

  private static Rect span(List<Token> tokens, int start, int length) {
    return around(tokens.subList(start, start + length).stream().map(Token::box).toList());
  }

  private int firstOnPage(Token t) {
    int i = t.index;
    while (i > 0 && before.get(i - 1).page == t.page) {
      i--;
    }
    return i;
  }

  private int lastOnPage(Token t) {
    int i = t.index;
    while (i + 1 < before.size() && before.get(i + 1).page == t.page) {
      i++;
    }
    return i;
  }

  private static String quoted(String text) {
    String t = text.strip();
    return "“" + (t.length() > 60 ? t.substring(0, 57) + "…" : t) + "”";
  }
}
