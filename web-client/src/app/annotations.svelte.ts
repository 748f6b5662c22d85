// The annotations of one open meeting on a tablet (docs/protocol.md §14): the server's view (annotation.sync per
// document with a cursor, then annotation.changed events), this device's operations waiting in the outbox
// (lib/annotations/outbox.ts, IndexedDB) shown at once on top of it, others' strokes while they are drawn
// (annotation.stroking), and undo/redo of this session's own changes. Nothing here decides who may see what: the
// server sends a tablet only what it may see (AN5); the tablet only chooses whether to show presenter ink (PR3).
import { Clock } from '../lib/annotations/hlc';
import { enqueue, owner, queued, remove, replace, type Queued } from '../lib/annotations/outbox';
import {
  compareStamps, type Anchor, type Annotation, type Op, type Shape, type Style, type Visibility,
} from '../lib/annotations/types';
import { CommandError, type Frame } from '../lib/socket';

export interface AnnotationHost {
  readonly meetingId: string;
  account(): string;
  isLive(): boolean;
  serverNow(): number;
  command(type: string, fields: Record<string, unknown>): Promise<Frame>;
  send(type: string, fields: Record<string, unknown>): boolean;
}

export interface LiveStroke { id: string; author: string; anchor: Anchor; style: Style; points: [number, number, number][]; at: number }

type Step = { kind: 'create' | 'erase'; annotation: Annotation };

const MAX_OPS_PER_PUSH = 50;
/** Codes after which an operation stays queued and is tried again later. */
const RETRY = new Set(['OFFLINE', 'TIMEOUT', 'RATE_LIMITED', 'INTERNAL', 'STALE_CLOCK']);

export class Annotations {
  /** The server's view, by id. */
  server = $state<Record<string, Annotation>>({});
  /** This device's operations not yet acknowledged, in the order made. */
  pending = $state<Queued[]>([]);
  /** Strokes others are drawing now, by id. */
  strokes = $state<Record<string, LiveStroke>>({});
  /** The last operation the server refused for good (shown, then forgotten). */
  refused = $state<{ code: string; message: string } | null>(null);
  /** annotation.orphaned notices to this author (AN10), by id: why the annotation was not carried to the new version. */
  orphanNotices = $state<Record<string, { reason: string; version: number; newVersion: number }>>({});
  canUndo = $state(false);
  canRedo = $state(false);
  readonly clock: Clock;
  private readonly erased = new Set<string>();
  private readonly cursors = new Map<string, number | null>();
  private undoSteps: Step[] = [];
  private redoSteps: Step[] = [];
  private flushing = false;
  private again = false;
  private loaded = false;

  /** Everything shown on this device: the server's view with the waiting operations applied. */
  get shown(): Record<string, Annotation> {
    const view: Record<string, Annotation> = { ...this.server };
    for (const q of this.pending) applyOp(view, q.op, this.host.account());
    return view;
  }

  constructor(private readonly host: AnnotationHost) {
    this.clock = new Clock(() => host.serverNow());
  }

  get waiting(): number {
    return this.pending.length;
  }

  private get owner(): string {
    return owner(this.host.account(), this.host.meetingId);
  }

  /** Reads the outbox kept on the device (after a reload, or offline). */
  async load(): Promise<void> {
    if (!this.host.account()) return;
    try {
      const kept = await queued(this.owner);
      const known = new Set(this.pending.map((q) => q.key));
      this.pending = [...kept.filter((q) => !known.has(q.key)), ...this.pending];
    } catch {
      // no IndexedDB: nothing kept
    }
    this.loaded = true;
  }

  /** On one page of one version of a document, what this tablet shows. */
  onPage(anchor: Anchor, showPresenterInk: boolean): Annotation[] {
    const me = this.host.account();
    return Object.values(this.shown).filter((a) => {
      const at = a.placement.anchor;
      if (at.document !== anchor.document || at.version !== anchor.version || at.page !== anchor.page) return false;
      return a.author === me || a.visibility.kind !== 'PRESENTER' || showPresenterInk;
    }).sort((a, b) => compareStamps(a.created, b.created));
  }

  /** This author's annotations of a document that stayed on an earlier version than {@code currentVersion}: those
   * the server could not carry when the version was added (AN10), oldest first. */
  orphans(document: string, currentVersion: number): Annotation[] {
    const me = this.host.account();
    return Object.values(this.shown).filter((a) => a.author === me && a.placement.anchor.document === document
      && a.placement.anchor.version < currentVersion).sort((a, b) => compareStamps(a.created, b.created));
  }

  /** Places an orphaned annotation on a page of the current version: an edit of its placement (same shape, AN2). */
  async place(id: string, anchor: Anchor): Promise<void> {
    const a = this.shown[id];
    if (!a || a.author !== this.host.account()) return;
    await this.submit({ op: 'edit', id, stamp: this.clock.stamp(), placement: { anchor, shape: a.placement.shape } });
  }

  strokesOn(anchor: Anchor): LiveStroke[] {
    return Object.values(this.strokes).filter((s) => s.anchor.document === anchor.document
      && s.anchor.version === anchor.version && s.anchor.page === anchor.page);
  }

  // ---- changes made on this device -------------------------------------------------------------------------------

  /** {@code id}: the stroke's, when its frames were sent while drawing (AN14). */
  async create(placement: { anchor: Anchor; shape: Shape }, style: Style, visibility: Visibility, text?: string, id?: string): Promise<Annotation> {
    const op: Op = { op: 'create', id: id ?? crypto.randomUUID(), stamp: this.clock.stamp(), placement, style, visibility };
    if (placement.shape.kind === 'NOTE') op.text = text ?? '';
    await this.submit(op);
    const made = this.shown[op.id];
    this.record({ kind: 'create', annotation: made });
    return made;
  }

  async erase(id: string): Promise<void> {
    const a = this.shown[id];
    if (!a || a.author !== this.host.account()) return;
    await this.submit({ op: 'erase', id, stamp: this.clock.stamp() });
    this.record({ kind: 'erase', annotation: a });
  }

  async editText(id: string, value: string): Promise<void> {
    const a = this.shown[id];
    if (!a || a.author !== this.host.account()) return;
    const replaces = (a.texts ?? []).map((t) => t.stamp);
    if (a.texts?.length === 1 && a.texts[0].text === value) return;
    await this.submit({ op: 'edit', id, stamp: this.clock.stamp(), text: { value, replaces } });
  }

  async setVisibility(id: string, visibility: Visibility): Promise<void> {
    const a = this.shown[id];
    if (!a || a.author !== this.host.account() || JSON.stringify(a.visibility) === JSON.stringify(visibility)) return;
    await this.submit({ op: 'edit', id, stamp: this.clock.stamp(), visibility });
  }

  /** The chair hides someone's non-private annotation from everyone but its author and the chair, or shows it again (AN5). */
  async moderate(id: string, moderation: 'VISIBLE' | 'HIDDEN'): Promise<void> {
    const a = this.shown[id];
    if (!a || a.author === this.host.account() || a.moderation === moderation) return;
    await this.submit({ op: 'moderate', id, stamp: this.clock.stamp(), moderation });
  }

  /** Undo: a create is erased; an erase is undone by a new annotation with the same content (AN2: no resurrection). */
  async undo(): Promise<void> {
    const step = this.undoSteps.pop();
    if (!step) return;
    this.redoSteps.push(await this.reverse(step));
    this.steps();
  }

  async redo(): Promise<void> {
    const step = this.redoSteps.pop();
    if (!step) return;
    this.undoSteps.push(await this.reverse(step));
    this.steps();
  }

  private async reverse(step: Step): Promise<Step> {
    if (step.kind === 'create') {
      await this.submit({ op: 'erase', id: step.annotation.id, stamp: this.clock.stamp() });
      return { kind: 'erase', annotation: step.annotation };
    }
    const a = step.annotation;
    const op: Op = { op: 'create', id: crypto.randomUUID(), stamp: this.clock.stamp(), placement: a.placement, style: a.style, visibility: a.visibility };
    if (a.kind === 'NOTE') op.text = a.texts?.[0]?.text ?? '';
    await this.submit(op);
    return { kind: 'create', annotation: this.shown[op.id] };
  }

  private record(step: Step): void {
    this.undoSteps.push(step);
    if (this.undoSteps.length > 100) this.undoSteps.shift();
    this.redoSteps = [];
    this.steps();
  }

  private steps(): void {
    this.canUndo = this.undoSteps.length > 0;
    this.canRedo = this.redoSteps.length > 0;
  }

  /** Into the outbox first (kept across reloads and while offline), then to the server when live. */
  private async submit(made: Op): Promise<void> {
    const op = $state.snapshot(made) as Op; // plain data (IndexedDB cannot clone a reactive proxy)
    const item: Queued = { owner: this.owner, op };
    try {
      item.key = await enqueue(item.owner, op);
    } catch {
      item.key = -Date.now(); // no IndexedDB (private mode): kept in memory only
    }
    this.pending = [...this.pending, item];
    void this.flush();
  }

  /** A stroke frame while drawing (AN14): not acknowledged, not stored; dropped when not live. */
  stroke(id: string, anchor: Anchor, style: Style, visibility: Visibility, points: [number, number, number][]): void {
    if (!this.host.isLive() || points.length === 0) return;
    this.host.send('annotation.stroke', { id, anchor, style, visibility, points });
  }

  // ---- the server ------------------------------------------------------------------------------------------------

  /** Sends what waits, 50 operations a push, in order; stops at the first answer that says "later". */
  async flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.again = false;
        while (this.host.isLive() && this.pending.length) {
          if (!(await this.pushBatch(this.pending.slice(0, MAX_OPS_PER_PUSH)))) {
            this.retryLater(); // refused for now (rate limit, clock, server busy): again in a moment
            break;
          }
        }
      } while (this.again && this.host.isLive());
    } finally {
      this.flushing = false;
    }
  }

  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  private retryLater(): void {
    if (this.retryTimer || !this.host.isLive()) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, 2000);
  }

  /** One push; true when every operation of it was settled (acked, or refused for good). */
  private async pushBatch(batch: Queued[]): Promise<boolean> {
    let ack: Frame;
    try {
      ack = await this.host.command('annotation.push', { ops: batch.map((q) => q.op) });
    } catch (e) {
      if (e instanceof CommandError && !RETRY.has(e.code)) this.refused = { code: e.code, message: e.message };
      return false;
    }
    const settled: Queued[] = [];
    let complete = true;
    (ack.results as { seq?: number | null; code?: string; message?: string }[]).forEach((r, i) => {
      const q = batch[i];
      if (!q) return;
      if (!r.code) {
        settled.push(q);
        this.server = { ...applyOp({ ...this.server }, q.op, this.host.account()) };
      } else if (r.code === 'STALE_CLOCK') {
        q.op = { ...q.op, stamp: this.clock.stamp() } as Op; // AN9: stamped again on the corrected clock
        if (q.key! > 0) void replace(q);
        complete = false;
      } else if (RETRY.has(r.code)) {
        complete = false;
      } else {
        settled.push(q);
        this.refused = { code: r.code, message: r.message ?? '' };
      }
    });
    const keys = settled.map((q) => q.key!).filter((k) => k > 0);
    try {
      if (keys.length) await remove(keys);
    } finally {
      const gone = new Set(settled);
      this.pending = this.pending.filter((q) => !gone.has(q));
    }
    return complete;
  }

  /** The caller's view of a document since its cursor (AN4); again after each reconnect. */
  async sync(documentId: string): Promise<void> {
    if (!this.host.isLive()) return;
    const after = this.cursors.get(documentId) ?? null;
    const ack = await this.host.command('annotation.sync', { documentId, after });
    const next = { ...this.server };
    for (const a of ack.annotations as Annotation[]) this.take(next, a);
    for (const id of [...(ack.erased ?? []), ...(ack.revoked ?? [])] as string[]) delete next[id];
    for (const id of (ack.erased ?? []) as string[]) this.erased.add(id);
    this.server = next;
    this.cursors.set(documentId, ack.seq ?? after);
  }

  /** After a (re)connect: send what waits, catch up on the documents synced before. */
  async reconnected(): Promise<void> {
    if (!this.loaded) await this.load();
    await this.flush();
    for (const doc of this.cursors.keys()) await this.sync(doc).catch(() => undefined);
  }

  /** annotation.changed (a ledger event), annotation.stroking (a signal). */
  apply(f: Frame): void {
    const d = f.data ?? {};
    if (f.type === 'annotation.stroking') {
      const prev = this.strokes[d.id];
      const points = [...(prev?.points ?? []), ...(d.points as [number, number, number][])];
      this.strokes = { ...this.strokes, [d.id]: { id: d.id, author: d.author, anchor: d.anchor, style: d.style, points, at: Date.now() } };
      this.expireStrokes();
      return;
    }
    if (f.type === 'annotation.orphaned') {
      this.orphanNotices = { ...this.orphanNotices, [d.id]: { reason: d.reason, version: d.version, newVersion: d.newVersion } };
      return;
    }
    if (f.type !== 'annotation.changed') return;
    const next = { ...this.server };
    if (d.erased) {
      this.erased.add(d.id);
      delete next[d.id];
    } else if (d.revoked) {
      delete next[d.id];
    } else if (d.annotation) {
      this.take(next, d.annotation as Annotation);
    }
    this.server = next;
    if (this.strokes[d.id]) {
      const { [d.id]: _, ...rest } = this.strokes;
      this.strokes = rest;
    }
  }

  private take(view: Record<string, Annotation>, a: Annotation): void {
    if (this.erased.has(a.id)) return;
    this.clock.observe(a.updated);
    const had = view[a.id];
    if (!had || compareStamps(a.updated, had.updated) >= 0) view[a.id] = a;
  }

  private expiry: ReturnType<typeof setTimeout> | null = null;

  /** A stroke whose author stopped sending (closed the app mid-stroke) goes away after 15 s. */
  private expireStrokes(): void {
    if (this.expiry) return;
    this.expiry = setTimeout(() => {
      this.expiry = null;
      const now = Date.now();
      const kept = Object.fromEntries(Object.entries(this.strokes).filter(([, s]) => now - s.at < 15_000));
      this.strokes = kept;
      if (Object.keys(kept).length) this.expireStrokes();
    }, 5_000);
  }
}

/** An operation of this device applied to a view (optimistically, before or just after its ack). */
function applyOp(view: Record<string, Annotation>, op: Op, me: string): Record<string, Annotation> {
  if (op.op === 'create') {
    if (view[op.id] && compareStamps(view[op.id].updated, op.stamp) > 0) return view;
    view[op.id] = {
      id: op.id, author: me, kind: op.placement.shape.kind, placement: op.placement, style: op.style, visibility: op.visibility,
      texts: op.placement.shape.kind === 'NOTE' ? [{ text: op.text ?? '', stamp: op.stamp }] : undefined,
      moderation: 'VISIBLE', created: op.stamp, updated: op.stamp,
    };
  } else if (op.op === 'erase') {
    delete view[op.id];
  } else if (op.op === 'moderate') {
    const a = view[op.id];
    if (a) view[op.id] = { ...a, moderation: op.moderation, updated: compareStamps(op.stamp, a.updated) > 0 ? op.stamp : a.updated };
  } else {
    const a = view[op.id];
    if (!a) return view;
    const b = { ...a, updated: compareStamps(op.stamp, a.updated) > 0 ? op.stamp : a.updated };
    if (op.visibility) b.visibility = op.visibility;
    if (op.style) b.style = op.style;
    if (op.placement) b.placement = op.placement;
    if (op.text) b.texts = [{ text: op.text.value, stamp: op.stamp }];
    view[op.id] = b;
  }
  return view;
}
