package org.plenum.server.annotation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A note's text as a multi-value register: every text written is kept until a later edit names it in its
 * {@code replaces}. Texts written on two devices at once (neither replacing the other) both stay: the newest is
 * the note's text, the others its conflicts, until someone writes a text that replaces them all. Union of the
 * written and the replaced stamps: order, duplicates and delays do not change the result.
 *
 * @param live the texts nobody has replaced yet, by stamp
 * @param replaced every stamp some edit has replaced (kept so that a replaced text arriving late stays out)
 */
public record NoteTexts(SortedMap<Stamp, String> live, SortedSet<Stamp> replaced) {
  public static final NoteTexts EMPTY = new NoteTexts(new TreeMap<>(), new TreeSet<>());

  public NoteTexts {
    live = Collections.unmodifiableSortedMap(new TreeMap<>(live));
    replaced = Collections.unmodifiableSortedSet(new TreeSet<>(replaced));
  }

  /** With the text written at {@code stamp}, which replaces the texts stamped {@code replaces}. */
  public NoteTexts with(Stamp stamp, String text, Set<Stamp> replaces) {
    TreeSet<Stamp> nowReplaced = new TreeSet<>(replaced);
    nowReplaced.addAll(replaces);
    TreeMap<Stamp, String> nowLive = new TreeMap<>(live);
    if (!nowReplaced.contains(stamp)) {
      nowLive.merge(stamp, text, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
    nowLive.keySet().removeAll(nowReplaced);
    return new NoteTexts(nowLive, nowReplaced);
  }

  /** The live texts, newest first: the first is the note's text, the rest are conflicts. */
  public List<NoteVersion> versions() {
    List<NoteVersion> out = new ArrayList<>(live.size());
    live.forEach((stamp, text) -> out.add(0, new NoteVersion(stamp, text)));
    return out;
  }

  public boolean isEmpty() {
    return live.isEmpty() && replaced.isEmpty();
  }
}
