// The annotation layer over each rendered page (a PageLayer of lib/pdf/viewer.ts): an SVG drawn from the
// annotations shown on that page and others' strokes in progress, and the drawing tools on it — pen with pressure
// (Pointer Events, coalesced samples, perfect-freehand for the outline), highlighter pen, text highlight (quads from
// the pdf.js text layer's selection, with the quoted text), sticky notes, rectangle, ellipse, arrow and eraser.
// Palm rejection: once a pen has touched the screen, fingers no longer draw; one finger scrolls, two pinch-zoom.
// Coordinates on the wire are PDF user space (points, y up, origin at the crop box's lower left), converted through
// the page's pdf.js viewport, so zoom and /Rotate only change how they are drawn.
import getStroke from 'perfect-freehand';
import type { PageViewport } from 'pdfjs-dist';
import type { PageLayer } from '../pdf/viewer';
import type { Anchor, Annotation, Shape, Style } from './types';

export type Tool = 'none' | 'pen' | 'highlighter' | 'highlight' | 'note' | 'rectangle' | 'ellipse' | 'arrow' | 'eraser';

export interface LiveInk { id: string; author: string; style: Style; points: [number, number, number][] }

export interface InkLayerHost {
  anchor(page: number): Anchor | null;
  annotations(page: number): Annotation[];
  strokes(page: number): LiveInk[];
  me(): string;
  tool(): Tool;
  style(tool: Tool): Style;
  /** A finished shape drawn on a page. */
  created(page: number, shape: Shape, style: Style, id?: string): void;
  /** Points of a stroke being drawn since the last call (sent as annotation.stroke frames). */
  drawing(page: number, id: string, style: Style, points: [number, number, number][]): void;
  erase(id: string): void;
  /** A tap on a note (opens it), or with the note tool on an empty spot (a new note there). */
  openNote(note: Annotation | null, page: number, at: [number, number], client: { x: number; y: number }): void;
}

const SVG = 'http://www.w3.org/2000/svg';
const FRAME_MS = 60; // ≤ 20 stroke frames a second (AN14), leaving room in the socket's budget (B2)

interface PageState { div: HTMLElement; svg: SVGSVGElement; viewport: PageViewport }

export class InkLayer implements PageLayer {
  private readonly pages = new Map<number, PageState>();
  private penSeen = false;
  private active: { page: number; pointer: number; id: string; tool: Tool; style: Style; points: [number, number, number][]; sent: number;
    lastFrame: number; start: [number, number]; preview: SVGElement | null } | null = null;
  private scrollTouch: { pointer: number; x: number; y: number } | null = null;

  constructor(private readonly host: InkLayerHost) {}

  attach(page: number, pageDiv: HTMLElement, _scale: number, viewport?: PageViewport): void {
    if (!viewport) return;
    let svg = pageDiv.querySelector<SVGSVGElement>(':scope > svg.plenum-ink');
    if (!svg) {
      svg = document.createElementNS(SVG, 'svg');
      svg.classList.add('plenum-ink');
      svg.dataset.page = String(page);
      pageDiv.append(svg);
      this.listen(svg, page);
    }
    this.pages.set(page, { div: pageDiv, svg, viewport });
    this.draw(page);
  }

  /** Draws every attached page again (the annotations changed, or the tool). */
  redraw(): void {
    for (const [page, p] of this.pages) {
      if (!p.div.isConnected || !p.svg.isConnected) this.pages.delete(page);
      else this.draw(page);
    }
  }

  /** With a tool that draws, the layer takes the pointer; without one, the text layer below gets it (selection). */
  private mode(svg: SVGSVGElement): void {
    const tool = this.host.tool();
    const draws = tool !== 'none' && tool !== 'highlight';
    svg.classList.toggle('drawing', draws);
    svg.dataset.inkTool = tool;
  }

  // ---- coordinates -----------------------------------------------------------------------------------------------

  private toPdf(p: PageState, clientX: number, clientY: number): [number, number] {
    const r = p.svg.getBoundingClientRect();
    const [x, y] = p.viewport.convertToPdfPoint(clientX - r.left, clientY - r.top);
    return [round(x - p.viewport.viewBox[0]), round(y - p.viewport.viewBox[1])];
  }

  private toCss(p: PageState, x: number, y: number): [number, number] {
    const [cx, cy] = p.viewport.convertToViewportPoint(x + p.viewport.viewBox[0], y + p.viewport.viewBox[1]);
    return [cx, cy];
  }

  /** CSS pixels per PDF point on this page. */
  private k(p: PageState): number {
    return p.viewport.scale;
  }

  // ---- drawing ---------------------------------------------------------------------------------------------------

  private draw(page: number): void {
    const p = this.pages.get(page);
    if (!p) return;
    this.mode(p.svg);
    p.svg.setAttribute('width', String(p.viewport.width));
    p.svg.setAttribute('height', String(p.viewport.height));
    const kept = this.active?.page === page ? this.active.preview : null;
    const nodes: SVGElement[] = [];
    const me = this.host.me();
    for (const a of this.host.annotations(page)) {
      const el = this.element(p, a.placement.shape, a.style, a.kind === 'NOTE' ? (a.texts?.[0]?.text ?? '') : '');
      el.dataset.annotationId = a.id;
      el.dataset.kind = a.kind;
      el.dataset.visibility = a.visibility.kind;
      el.dataset.mine = String(a.author === me);
      if (a.moderation === 'HIDDEN') el.classList.add('hidden-by-chair');
      nodes.push(el);
    }
    for (const s of this.host.strokes(page)) {
      const el = this.element(p, { kind: 'INK', points: s.points }, s.style, '');
      el.classList.add('live');
      el.dataset.strokeId = s.id;
      nodes.push(el);
    }
    if (kept) nodes.push(kept);
    p.svg.replaceChildren(...nodes);
  }

  private element(p: PageState, shape: Shape, style: Style, text: string): SVGElement {
    const k = this.k(p);
    const width = Math.max(1, style.width * k);
    const g = document.createElementNS(SVG, 'g');
    g.classList.add('ann');
    const attr = (el: SVGElement, a: Record<string, string | number>) => {
      for (const [n, v] of Object.entries(a)) el.setAttribute(n, String(v));
      return el;
    };
    switch (shape.kind) {
      case 'INK': {
        const pts = shape.points.map(([x, y, pr]) => [...this.toCss(p, x, y), pr]);
        const highlighter = style.tool === 'HIGHLIGHTER';
        const outline = getStroke(pts, { size: width * (highlighter ? 1 : 1.6), thinning: highlighter ? 0 : 0.6,
          smoothing: 0.5, streamline: 0.4, simulatePressure: false, last: true });
        g.append(attr(document.createElementNS(SVG, 'path'), { d: outlinePath(outline), fill: style.color,
          'fill-opacity': highlighter ? 0.35 : 1 }));
        if (highlighter) g.classList.add('highlighter');
        break;
      }
      case 'HIGHLIGHT':
        for (const q of shape.quads) {
          const corners = [[q[0], q[1]], [q[2], q[3]], [q[6], q[7]], [q[4], q[5]]].map(([x, y]) => this.toCss(p, x, y).join(','));
          g.append(attr(document.createElementNS(SVG, 'polygon'), { points: corners.join(' '), fill: style.color, 'fill-opacity': 0.35 }));
        }
        g.classList.add('highlighter');
        break;
      case 'RECTANGLE':
      case 'ELLIPSE': {
        const [a, b] = [this.toCss(p, shape.rect[0], shape.rect[1]), this.toCss(p, shape.rect[2], shape.rect[3])];
        const [x0, x1, y0, y1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[1], b[1])];
        const common = { fill: 'none', stroke: style.color, 'stroke-width': width };
        g.append(shape.kind === 'RECTANGLE'
          ? attr(document.createElementNS(SVG, 'rect'), { ...common, x: x0, y: y0, width: x1 - x0, height: y1 - y0 })
          : attr(document.createElementNS(SVG, 'ellipse'), { ...common, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, rx: (x1 - x0) / 2, ry: (y1 - y0) / 2 }));
        break;
      }
      case 'ARROW': {
        const [a, b] = [this.toCss(p, ...shape.from), this.toCss(p, ...shape.to)];
        const angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
        const head = Math.max(10, width * 4);
        const wing = (d: number) => [b[0] - head * Math.cos(angle + d), b[1] - head * Math.sin(angle + d)].join(',');
        const common = { fill: 'none', stroke: style.color, 'stroke-width': width, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };
        g.append(attr(document.createElementNS(SVG, 'line'), { ...common, x1: a[0], y1: a[1], x2: b[0], y2: b[1] }),
          attr(document.createElementNS(SVG, 'polyline'), { ...common, points: `${wing(0.45)} ${b.join(',')} ${wing(-0.45)}` }));
        break;
      }
      case 'NOTE': {
        const [x, y] = this.toCss(p, ...shape.at);
        const s = 28;
        g.classList.add('note');
        g.append(attr(document.createElementNS(SVG, 'path'), {
          d: `M${x},${y} h${s} v${s - 8} l-8,8 h${-(s - 8)} z`, fill: style.color, stroke: '#1d2733', 'stroke-width': 1, 'fill-opacity': 0.9 }),
        attr(document.createElementNS(SVG, 'path'), { d: `M${x + 6},${y + 9} h${s - 12} M${x + 6},${y + 15} h${s - 12} M${x + 6},${y + 21} h${s - 18}`,
          stroke: '#fff', 'stroke-width': 2, 'stroke-linecap': 'round' }));
        // a larger, invisible target for fingers (44 px)
        g.append(attr(document.createElementNS(SVG, 'rect'), { x: x - 8, y: y - 8, width: 44, height: 44, fill: 'transparent', class: 'target' }));
        const title = document.createElementNS(SVG, 'title');
        title.textContent = text;
        g.append(title);
        break;
      }
    }
    return g;
  }

  // ---- input -----------------------------------------------------------------------------------------------------

  private listen(svg: SVGSVGElement, page: number): void {
    svg.addEventListener('pointerdown', (e) => this.down(e, page));
    svg.addEventListener('pointermove', (e) => this.move(e, page));
    svg.addEventListener('pointerup', (e) => this.up(e, page));
    svg.addEventListener('pointercancel', (e) => this.cancel(e));
    svg.addEventListener('click', (e) => {
      const note = (e.target as Element).closest<SVGElement>('[data-kind="NOTE"]');
      if (!note || this.host.tool() === 'eraser') return;
      const a = this.host.annotations(page).find((x) => x.id === note.dataset.annotationId);
      const p = this.pages.get(page);
      if (a && p) this.host.openNote(a, page, (a.placement.shape as { at: [number, number] }).at, { x: e.clientX, y: e.clientY });
      e.stopPropagation();
    });
    // the text highlight tool: the selection made on the text layer becomes highlight quads
    svg.parentElement?.addEventListener('pointerup', () => {
      if (this.host.tool() === 'highlight') setTimeout(() => this.highlightSelection(), 0);
    });
  }

  private down(e: PointerEvent, page: number): void {
    const tool = this.host.tool();
    const p = this.pages.get(page);
    if (!p || tool === 'none' || tool === 'highlight') return;
    if (e.pointerType === 'pen') this.penSeen = true;
    if (e.pointerType === 'touch' && this.penSeen) {
      // palm rejection: a finger (or palm) does not draw while a pen is in use; one finger scrolls
      this.scrollTouch = { pointer: e.pointerId, x: e.clientX, y: e.clientY };
      return;
    }
    if (this.active || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    const at = this.toPdf(p, e.clientX, e.clientY);
    if (tool === 'eraser') {
      this.eraseAt(e.clientX, e.clientY);
      this.active = { page, pointer: e.pointerId, id: '', tool, style: this.host.style(tool), points: [], sent: 0, lastFrame: 0, start: at, preview: null };
      svg(p).setPointerCapture?.(e.pointerId);
      return;
    }
    if (tool === 'note') {
      const hit = (e.target as Element).closest<SVGElement>('[data-kind="NOTE"]');
      if (!hit) this.host.openNote(null, page, at, { x: e.clientX, y: e.clientY });
      return;
    }
    const style = this.host.style(tool);
    this.active = { page, pointer: e.pointerId, id: crypto.randomUUID(), tool, style, points: [[...at, pressure(e)]], sent: 0,
      lastFrame: performance.now(), start: at, preview: null };
    svg(p).setPointerCapture?.(e.pointerId);
    this.preview();
  }

  private move(e: PointerEvent, page: number): void {
    if (this.scrollTouch?.pointer === e.pointerId) {
      const scroller = this.pages.get(page)?.div.closest<HTMLElement>('.scroller');
      scroller?.scrollBy(this.scrollTouch.x - e.clientX, this.scrollTouch.y - e.clientY);
      this.scrollTouch = { pointer: e.pointerId, x: e.clientX, y: e.clientY };
      return;
    }
    const a = this.active;
    if (!a || a.pointer !== e.pointerId || a.page !== page) return;
    const p = this.pages.get(page)!;
    e.preventDefault();
    if (a.tool === 'eraser') {
      this.eraseAt(e.clientX, e.clientY);
      return;
    }
    const samples = a.tool === 'pen' || a.tool === 'highlighter' ? (e.getCoalescedEvents?.() ?? [e]) : [e];
    for (const s of samples.length ? samples : [e]) {
      const [x, y] = this.toPdf(p, s.clientX, s.clientY);
      const last = a.points[a.points.length - 1];
      if (a.tool === 'pen' || a.tool === 'highlighter') {
        if (!last || Math.hypot(x - last[0], y - last[1]) >= 0.5) a.points.push([x, y, pressure(s)]);
      } else {
        a.points = [[...a.start, 0.5], [x, y, 0.5]];
      }
    }
    if (a.points.length > MAX_POINTS) a.points = thin(a.points);
    this.preview();
    if ((a.tool === 'pen' || a.tool === 'highlighter') && performance.now() - a.lastFrame >= FRAME_MS) this.frame();
  }

  private up(e: PointerEvent, page: number): void {
    if (this.scrollTouch?.pointer === e.pointerId) {
      this.scrollTouch = null;
      return;
    }
    const a = this.active;
    if (!a || a.pointer !== e.pointerId || a.page !== page) return;
    this.active = null;
    if (a.tool === 'eraser') return;
    const shape = this.shapeOf(a);
    a.preview?.remove();
    if (shape) this.host.created(page, shape, a.style, a.tool === 'pen' || a.tool === 'highlighter' ? a.id : undefined);
    this.draw(page);
  }

  private cancel(e: PointerEvent): void {
    if (this.scrollTouch?.pointer === e.pointerId) this.scrollTouch = null;
    if (this.active?.pointer === e.pointerId) {
      const page = this.active.page;
      this.active = null;
      this.draw(page);
    }
  }

  /** The points not yet sent, as one stroke frame. */
  private frame(): void {
    const a = this.active!;
    const fresh = a.points.slice(a.sent);
    if (!fresh.length) return;
    a.sent = a.points.length;
    a.lastFrame = performance.now();
    this.host.drawing(a.page, a.id, a.style, fresh);
  }

  private shapeOf(a: NonNullable<InkLayer['active']>): Shape | null {
    const last = a.points[a.points.length - 1];
    switch (a.tool) {
      case 'pen':
      case 'highlighter':
        return { kind: 'INK', points: a.points.length === 1 ? [a.points[0], [a.points[0][0] + 0.5, a.points[0][1], a.points[0][2]]] : a.points };
      case 'rectangle':
      case 'ellipse':
        if (!last || Math.hypot(last[0] - a.start[0], last[1] - a.start[1]) < 4) return null;
        return { kind: a.tool === 'rectangle' ? 'RECTANGLE' : 'ELLIPSE', rect: [Math.min(a.start[0], last[0]), Math.min(a.start[1], last[1]),
          Math.max(a.start[0], last[0]), Math.max(a.start[1], last[1])] };
      case 'arrow':
        if (!last || Math.hypot(last[0] - a.start[0], last[1] - a.start[1]) < 4) return null;
        return { kind: 'ARROW', from: a.start, to: [last[0], last[1]] };
      default:
        return null;
    }
  }

  private preview(): void {
    const a = this.active;
    const p = a && this.pages.get(a.page);
    if (!a || !p) return;
    const shape = this.shapeOf(a);
    const el = shape ? this.element(p, shape, a.style, '') : null;
    if (el) el.classList.add('preview');
    if (a.preview && el) a.preview.replaceWith(el);
    else if (el) p.svg.append(el);
    else a.preview?.remove();
    a.preview = el;
  }

  private eraseAt(x: number, y: number): void {
    const me = this.host.me();
    for (const el of document.elementsFromPoint(x, y)) {
      const g = el.closest<SVGElement>('g[data-annotation-id]');
      if (g && g.dataset.mine === 'true' && !g.classList.contains('erasing')) {
        g.classList.add('erasing');
        this.host.erase(g.dataset.annotationId!);
      }
      void me;
    }
  }

  /** The text selected on pages' text layers, as one highlight per page. */
  private highlightSelection(): void {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0);
    const quote = sel.toString().replace(/\s+/g, ' ').trim();
    if (!quote) return;
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 1 && r.height > 1);
    for (const [page, p] of this.pages) {
      const box = p.svg.getBoundingClientRect();
      const mine = rects.filter((r) => r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top
        && r.width < box.width * 0.98);
      if (!mine.length) continue;
      const quads = merge(mine).slice(0, 200).map((r) => {
        const [ulx, uly] = this.toPdf(p, r.left, r.top);
        const [urx, ury] = this.toPdf(p, r.right, r.top);
        const [llx, lly] = this.toPdf(p, r.left, r.bottom);
        const [lrx, lry] = this.toPdf(p, r.right, r.bottom);
        return [ulx, uly, urx, ury, llx, lly, lrx, lry];
      });
      this.host.created(page, { kind: 'HIGHLIGHT', quads, quote: quote.slice(0, 2000) }, this.host.style('highlight'));
    }
    sel.removeAllRanges();
  }
}

const MAX_POINTS = 900; // under annotations.max_points_per_stroke (1000 by default)

function svg(p: PageState): SVGSVGElement {
  return p.svg;
}

function pressure(e: PointerEvent): number {
  // a mouse and most fingers report 0.5 while pressed (or 0); a pen reports its real pressure
  const v = e.pointerType === 'pen' ? e.pressure : e.pressure > 0 ? e.pressure : 0.5;
  return Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Every other inner point, to stay under the server's limit on long strokes. */
function thin(points: [number, number, number][]): [number, number, number][] {
  return points.filter((_, i) => i === 0 || i === points.length - 1 || i % 2 === 0);
}

/** Rectangles of one line merged (a selection gives one per text span). */
function merge(rects: DOMRect[]): { left: number; right: number; top: number; bottom: number }[] {
  const out: { left: number; right: number; top: number; bottom: number }[] = [];
  for (const r of [...rects].sort((a, b) => a.top - b.top || a.left - b.left)) {
    const line = out.find((o) => Math.abs(o.top - r.top) < r.height / 2 && Math.abs(o.bottom - r.bottom) < r.height / 2
      && r.left <= o.right + 4);
    if (line) {
      line.left = Math.min(line.left, r.left);
      line.right = Math.max(line.right, r.right);
    } else {
      out.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    }
  }
  return out;
}

function outlinePath(points: number[][]): string {
  if (!points.length) return '';
  const d = points.reduce((acc, [x0, y0], i, arr) => {
    const [x1, y1] = arr[(i + 1) % arr.length];
    acc.push(x0.toFixed(1), y0.toFixed(1), ((x0 + x1) / 2).toFixed(1), ((y0 + y1) / 2).toFixed(1));
    return acc;
  }, ['M', ...points[0].map((v) => v.toFixed(1)), 'Q']);
  return d.join(' ') + ' Z';
}
