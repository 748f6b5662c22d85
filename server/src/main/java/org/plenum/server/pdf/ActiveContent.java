package org.plenum.server.pdf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Active content in a PDF (DU6, DU7): what a PDF reader would run, open or send by itself, found by walking every
 * object reachable from the trailer — document catalog ({@code /OpenAction}, {@code /AA}, {@code /Names /JavaScript},
 * {@code /Names /EmbeddedFiles}, {@code /AcroForm /XFA}), pages and their {@code /AA}, annotations ({@code /A},
 * {@code /AA}), form fields, outline items, and action chains ({@code /Next}) — so no place is forgotten.
 *
 * <ul>
 *   <li>{@link Kind#JAVASCRIPT}: JavaScript actions ({@code /S /JavaScript}, or any action with {@code /JS}), the
 *       document-level JavaScript name tree.</li>
 *   <li>{@link Kind#LAUNCH}: actions that open another file or program ({@code /Launch}, {@code /GoToR},
 *       {@code /GoToE}).</li>
 *   <li>{@link Kind#SUBMIT_FORM}: actions that send or import form data ({@code /SubmitForm}, {@code /ImportData}).</li>
 *   <li>{@link Kind#XFA}: an XML form ({@code /AcroForm /XFA}), which carries its own scripts.</li>
 *   <li>{@link Kind#EMBEDDED_FILES}: files carried inside the PDF (file specifications with {@code /EF}: the
 *       {@code /EmbeddedFiles} name tree, file attachment annotations, associated files).</li>
 *   <li>{@link Kind#URI}: links to web addresses ({@code /S /URI}); listed in {@link Findings#uris()}, never removed.</li>
 * </ul>
 *
 * <p>{@link #scan} only looks; {@link #strip} removes what must not be served (everything but links, and embedded
 * files only when they are not allowed) and writes a new file without it. Blocking: run it on the PDF workers.
 */
public final class ActiveContent {

  /** What a PDF carries that a reader could run, open or send by itself. */
  public enum Kind { JAVASCRIPT, LAUNCH, SUBMIT_FORM, XFA, EMBEDDED_FILES, URI }

  /** At most this many links are listed (a document may have thousands; the list is for a person to read). */
  public static final int MAX_URIS = 100;
  /** Longer link addresses are cut to this length in the list. */
  public static final int MAX_URI_CHARS = 500;

  private static final Set<String> LAUNCH_ACTIONS = Set.of("Launch", "GoToR", "GoToE");
  private static final Set<String> SUBMIT_ACTIONS = Set.of("SubmitForm", "ImportData");
  private static final COSName JS = COSName.getPDFName("JS");
  private static final COSName EF = COSName.getPDFName("EF");
  private static final COSName XFA = COSName.getPDFName("XFA");
  private static final COSName EMBEDDED_FILES = COSName.getPDFName("EmbeddedFiles");

  /**
   * @param kinds what was found (in {@link Kind} order)
   * @param uris the link addresses, in the order found, without repeats, at most {@link #MAX_URIS}
   */
  public record Findings(Set<Kind> kinds, List<String> uris) {
    public static final Findings NONE = new Findings(EnumSet.noneOf(Kind.class), List.of());

    public Findings {
      kinds = Collections.unmodifiableSet(kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds));
      uris = List.copyOf(uris);
    }

    /** Whether serving the file as it is would serve something {@link #strip} removes. */
    public boolean needsStripping(boolean allowEmbeddedFiles) {
      return kinds.stream().anyMatch(k -> removed(k, allowEmbeddedFiles));
    }

    /** The kinds {@link #strip} removes, by name. */
    public List<String> names() {
      return kinds.stream().map(Enum::name).toList();
    }
  }

  private ActiveContent() {}

  /** Whether {@link #strip} removes content of this kind. */
  public static boolean removed(Kind kind, boolean allowEmbeddedFiles) {
    return kind != Kind.URI && !(kind == Kind.EMBEDDED_FILES && allowEmbeddedFiles);
  }

  /** What the loaded document carries; the document is not changed. */
  public static Findings scan(PDDocument doc) throws PdfRejected {
    return new Walk(false, true).run(doc);
  }

  /**
   * Writes {@code out}: {@code in} without what {@link Findings#needsStripping} names (pages, text, links and
   * everything else unchanged). Returns what {@code in} carried.
   */
  public static Findings strip(Path in, Path out, boolean allowEmbeddedFiles, long maxMainMemoryBytes) throws PdfRejected {
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(in);
        PDDocument doc = PdfInspector.load(source, maxMainMemoryBytes)) {
      Findings found = new Walk(true, allowEmbeddedFiles).run(doc);
      TimeBudget.check();
      doc.save(out.toFile());
      return found;
    } catch (PdfRejected e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw Rejections.unreadable(e, null);
    }
  }

  /** One walk over the object graph from the trailer, without recursion (deep graphs do not overflow the stack). */
  private static final class Walk {
    private final boolean strip;
    private final boolean allowEmbedded;
    private final Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    private final Set<String> uris = new LinkedHashSet<>();
    private final Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<COSBase> todo = new ArrayDeque<>();

    Walk(boolean strip, boolean allowEmbedded) {
      this.strip = strip;
      this.allowEmbedded = allowEmbedded;
    }

    Findings run(PDDocument doc) throws PdfRejected {
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      catalogTrees(catalog);
      push(doc.getDocument().getTrailer());
      push(catalog);
      int steps = 0;
      while (!todo.isEmpty()) {
        if ((++steps & 0x3ff) == 0) {
          TimeBudget.check();
        }
        COSBase next = todo.pop();
        if (next instanceof COSDictionary d) {
          visit(d);
        } else if (next instanceof COSArray a) {
          visit(a);
        }
      }
      return new Findings(kinds, new ArrayList<>(uris));
    }

    /** The catalog's name trees of document JavaScript and embedded files, and the XML form. */
    private void catalogTrees(COSDictionary catalog) {
      if (catalog.getDictionaryObject(COSName.NAMES) instanceof COSDictionary names) {
        if (names.containsKey(COSName.JAVA_SCRIPT)) {
          found(Kind.JAVASCRIPT);
          if (strip) {
            names.removeItem(COSName.JAVA_SCRIPT);
          }
        }
        if (names.containsKey(EMBEDDED_FILES)) {
          found(Kind.EMBEDDED_FILES);
          if (strip && !allowEmbedded) {
            names.removeItem(EMBEDDED_FILES);
          }
        }
      }
      if (catalog.getDictionaryObject(COSName.ACRO_FORM) instanceof COSDictionary form && form.containsKey(XFA)) {
        found(Kind.XFA);
        if (strip) {
          form.removeItem(XFA);
        }
      }
    }

    private void push(COSBase b) {
      COSBase v = b instanceof COSObject o ? o.getObject() : b;
      if ((v instanceof COSDictionary || v instanceof COSArray) && seen.add(v)) {
        todo.push(v);
      }
    }

    private void visit(COSDictionary d) {
      if (d.containsKey(EF)) {
        found(Kind.EMBEDDED_FILES);
        if (strip && !allowEmbedded) {
          d.removeItem(EF);
        }
      }
      List<COSName> drop = new ArrayList<>();
      for (var e : d.entrySet()) {
        COSBase v = e.getValue() instanceof COSObject o ? o.getObject() : e.getValue();
        if (v instanceof COSDictionary action && dangerous(action)) {
          drop.add(e.getKey());
        } else {
          push(v);
        }
      }
      if (strip) {
        drop.forEach(d::removeItem);
      }
    }

    private void visit(COSArray a) {
      for (int i = a.size() - 1; i >= 0; i--) {
        COSBase v = a.getObject(i);
        if (v instanceof COSDictionary action && dangerous(action)) {
          if (strip) {
            a.remove(i);
          }
        } else {
          push(v);
        }
      }
    }

    /**
     * Whether {@code d} is an action that must go (JavaScript, Launch, submit); records what it is. A link (URI
     * action) is recorded and kept. Only a dictionary with an action type in {@code /S} counts: {@code /S} also
     * names structure types and transitions, none of which share these names.
     */
    private boolean dangerous(COSDictionary d) {
      COSName s = d.getCOSName(COSName.S);
      if (s == null) {
        return false;
      }
      String type = s.getName();
      Kind kind = null;
      if (type.equals("JavaScript") || d.containsKey(JS)) {
        kind = Kind.JAVASCRIPT;
      } else if (LAUNCH_ACTIONS.contains(type)) {
        kind = Kind.LAUNCH;
      } else if (SUBMIT_ACTIONS.contains(type)) {
        kind = Kind.SUBMIT_FORM;
      } else if (type.equals("URI")) {
        found(Kind.URI);
        if (d.getDictionaryObject(COSName.URI) instanceof COSString uri && uris.size() < MAX_URIS) {
          String text = uri.getString().strip();
          uris.add(text.length() > MAX_URI_CHARS ? text.substring(0, MAX_URI_CHARS) : text);
        }
        return false;
      }
      if (kind == null) {
        return false;
      }
      found(kind);
      return strip;
    }

    private void found(Kind kind) {
      kinds.add(kind);
    }
  }
}
