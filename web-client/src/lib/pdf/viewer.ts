// The document viewer: pdf.js's PDFViewer (lazy page rendering, text layer with selection, links) with its find
// controller (accents optional, like the server's search DF1), zoom by buttons, Ctrl/trackpad wheel and two-finger
// pinch, and page layers: things drawn over every rendered page. The reader's watermark is one layer; the
// annotation layer (lib/annotations/layer.ts) is another.
import type { PDFDocumentProxy, PageViewport } from 'pdfjs-dist';
import { viewerLib } from './pdfjs';

/** Drawn over each page whenever pdf.js (re)renders it; {@code scale} is pdf.js's zoom, {@code viewport} the page's
 * (CSS pixels, converts to and from PDF user space). */
export interface PageLayer {
  attach(page: number, pageDiv: HTMLElement, scale: number, viewport?: PageViewport): void;
}

export interface ViewerEvents {
  onPage?: (page: number) => void;
  onScale?: (scale: number) => void;
  onMatches?: (m: { current: number; total: number; found: boolean | null }) => void;
}

const MIN_SCALE = 0.25;
const MAX_SCALE = 6;

export class DocumentViewer {
  private viewer!: import('pdfjs-dist/web/pdf_viewer.mjs').PDFViewer;
  private eventBus!: import('pdfjs-dist/web/pdf_viewer.mjs').EventBus;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private pinch: { distance: number; scale: number } | null = null;
  private lastQuery = '';
  private readonly cleanup: (() => void)[] = [];

  private constructor(private readonly container: HTMLDivElement, readonly doc: PDFDocumentProxy, private readonly layers: PageLayer[],
      private readonly events: ViewerEvents) {}

  /** {@code container} is absolutely positioned and scrolls; it holds one empty div, pdf.js's page strip. */
  static async create(container: HTMLDivElement, doc: PDFDocumentProxy, layers: PageLayer[], events: ViewerEvents,
      startPage = 1): Promise<DocumentViewer> {
    const v = new DocumentViewer(container, doc, layers, events);
    await v.init(startPage);
    return v;
  }

  private async init(startPage: number): Promise<void> {
    const lib = await viewerLib();
    const eventBus = new lib.EventBus();
    const linkService = new lib.PDFLinkService({ eventBus });
    const findController = new lib.PDFFindController({ eventBus, linkService });
    this.eventBus = eventBus;
    this.viewer = new lib.PDFViewer({
      container: this.container,
      viewer: this.container.firstElementChild as HTMLDivElement,
      eventBus,
      linkService,
      findController,
      textLayerMode: 1,
      removePageBorders: false,
    });
    linkService.setViewer(this.viewer);
    // the scale is set as the pages appear, so the first page is drawn once, at its final size
    const ready = new Promise<void>((ok) => eventBus.on('pagesinit', () => {
      this.viewer.currentScaleValue = this.container.clientWidth < 700 ? 'page-width' : 'auto';
      if (startPage > 1) this.viewer.currentPageNumber = Math.min(startPage, this.doc.numPages);
      ok();
    }, { once: true }));
    eventBus.on('pagechanging', (e: { pageNumber: number }) => this.events.onPage?.(e.pageNumber));
    eventBus.on('scalechanging', (e: { scale: number }) => this.events.onScale?.(e.scale));
    eventBus.on('updatefindmatchescount', (e: { matchesCount: { current: number; total: number } }) =>
      this.events.onMatches?.({ ...e.matchesCount, found: e.matchesCount.total > 0 }));
    eventBus.on('updatefindcontrolstate', (e: { state: number; matchesCount: { current: number; total: number } }) =>
      this.events.onMatches?.({ ...e.matchesCount, found: e.state !== 1 /* NOT_FOUND */ }));
    eventBus.on('pagerendered', (e: { pageNumber: number; source: { div: HTMLElement; scale: number; viewport: PageViewport } }) => {
      for (const layer of this.layers) {
        try {
          layer.attach(e.pageNumber, e.source.div, e.source.scale, e.source.viewport);
        } catch (err) {
          console.error('page layer', err); // one layer failing leaves the page and the other layers working
        }
      }
    });
    this.viewer.setDocument(this.doc);
    linkService.setDocument(this.doc, null);
    await ready;
    this.gestures();
    // a preset zoom (auto, page width) follows the window: tablet turned, split screen
    const presets = ['auto', 'page-width', 'page-fit'];
    const resized = new ResizeObserver(() => {
      const value = this.viewer.currentScaleValue;
      if (presets.includes(value)) this.viewer.currentScaleValue = value;
    });
    resized.observe(this.container);
    this.cleanup.push(() => resized.disconnect());
  }

  get page(): number {
    return this.viewer.currentPageNumber;
  }

  get pages(): number {
    return this.doc.numPages;
  }

  get scale(): number {
    return this.viewer.currentScale;
  }

  goTo(page: number): void {
    const p = Math.min(this.pages, Math.max(1, Math.round(page)));
    if (p !== this.viewer.currentPageNumber) this.viewer.currentPageNumber = p;
    else this.viewer.scrollPageIntoView({ pageNumber: p });
  }

  zoom(factor: number, origin?: [number, number]): void {
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.viewer.currentScale * factor));
    this.viewer.updateScale({ scaleFactor: next / this.viewer.currentScale, origin });
  }

  fitWidth(): void {
    this.viewer.currentScaleValue = 'page-width';
  }

  find(query: string, previous = false): void {
    const again = query === this.lastQuery;
    this.lastQuery = query;
    this.eventBus.dispatch('find', {
      source: this, type: again ? 'again' : '', query, caseSensitive: false, entireWord: false, highlightAll: true,
      findPrevious: previous, matchDiacritics: false,
    });
  }

  clearFind(): void {
    this.lastQuery = '';
    this.eventBus.dispatch('findbarclose', { source: this });
  }

  destroy(): void {
    this.cleanup.forEach((f) => f());
    this.viewer.setDocument(null as unknown as PDFDocumentProxy);
    this.doc.destroy();
  }

  /** Ctrl+wheel (and trackpad pinch, which browsers send as Ctrl+wheel) and two-finger pinch zoom at the fingers. */
  private gestures(): void {
    const c = this.container;
    const wheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      this.zoom(Math.exp(-e.deltaY / 300), [e.clientX, e.clientY]);
    };
    const down = (e: PointerEvent) => {
      if (e.pointerType !== 'touch') return;
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (this.pointers.size === 2) this.pinch = { distance: this.spread(), scale: this.viewer.currentScale };
    };
    const move = (e: PointerEvent) => {
      if (!this.pointers.has(e.pointerId)) return;
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (!this.pinch || this.pointers.size !== 2) return;
      const [a, b] = [...this.pointers.values()];
      const target = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.pinch.scale * (this.spread() / this.pinch.distance)));
      if (Math.abs(target / this.viewer.currentScale - 1) > 0.03) {
        this.viewer.updateScale({ scaleFactor: target / this.viewer.currentScale, origin: [(a.x + b.x) / 2, (a.y + b.y) / 2] });
      }
    };
    const up = (e: PointerEvent) => {
      this.pointers.delete(e.pointerId);
      if (this.pointers.size < 2) this.pinch = null;
    };
    c.addEventListener('wheel', wheel, { passive: false });
    c.addEventListener('pointerdown', down);
    c.addEventListener('pointermove', move);
    c.addEventListener('pointerup', up);
    c.addEventListener('pointercancel', up);
    this.cleanup.push(() => {
      c.removeEventListener('wheel', wheel);
      c.removeEventListener('pointerdown', down);
      c.removeEventListener('pointermove', move);
      c.removeEventListener('pointerup', up);
      c.removeEventListener('pointercancel', up);
    });
  }

  private spread(): number {
    const [a, b] = [...this.pointers.values()];
    return Math.hypot(a.x - b.x, a.y - b.y) || 1;
  }
}

/** The reader's name, the time and the meeting across every page (DW1's stamp, shown while reading). */
export class WatermarkLayer implements PageLayer {
  constructor(private readonly text: () => string) {}

  attach(_page: number, pageDiv: HTMLElement): void {
    let mark = pageDiv.querySelector<HTMLElement>(':scope > .plenum-watermark');
    if (!mark) {
      mark = document.createElement('div');
      mark.className = 'plenum-watermark';
      mark.setAttribute('aria-hidden', 'true');
      pageDiv.append(mark);
    }
    const text = this.text();
    if (mark.dataset.text !== text) {
      mark.dataset.text = text;
      mark.replaceChildren(...Array.from({ length: 3 }, () => {
        const line = document.createElement('span');
        line.textContent = text;
        return line;
      }));
    }
  }
}
