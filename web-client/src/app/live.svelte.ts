// One open meeting on the tablet: the meeting socket (lib/socket.ts) feeding the store (meeting-state.svelte.ts),
// the state kept on the device between reloads (lib/persist.ts), the connection state shown in the header,
// following the chair (PR1, PR3) and the documents kept for offline reading (lib/pdf/doc-cache.ts).
import type { TokenSource } from '../lib/auth';
import { loadState, saveState } from '../lib/persist';
import { prefetch } from '../lib/pdf/doc-cache';
import { MeetingSocket, type ConnState, type Frame } from '../lib/socket';
import type { Role } from '../lib/types';
import { Annotations } from './annotations.svelte';
import { MeetingState } from './meeting-state.svelte';

const FOLLOW_KEY = 'plenum.following';

export class LiveMeeting {
  readonly state = new MeetingState();
  conn = $state<ConnState>('connecting');
  me = $state('');
  role = $state<Role | null>(null);
  admin = $state(false);
  /** Follow the chair: on by default (PR3), remembered per device. */
  following = $state(localStorage.getItem(FOLLOW_KEY) !== 'false');
  /** Documents of this meeting kept on the device, of how many. */
  offlineDocs = $state({ ready: 0, total: 0 });
  /** The page this tablet shows (reported in presence, PR3). */
  view = $state<{ document: string; page: number } | null>(null);
  private readonly socket: MeetingSocket;
  /** Ink, highlights and notes of this meeting, with the operations waiting to be sent (§14). */
  readonly annotations: Annotations;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Extra listeners (the chair's hall feed, D34): every frame, and each time the socket is live again. */
  readonly frameHooks = new Set<(f: Frame) => void>();
  readonly liveHooks = new Set<() => void>();
  private prefetching = false;

  constructor(readonly id: string, readonly auth: TokenSource, account: string) {
    this.me = account;
    this.socket = new MeetingSocket({
      meetingId: id,
      auth,
      prefix: 't',
      resumeFrom: () => (this.state.loaded ? this.state.seq : null),
      onFrame: (f) => this.onFrame(f),
      onState: (s) => { this.conn = s; },
      onLive: () => {
        const h = this.socket.hello;
        if (h) {
          this.me = h.accountId;
          this.role = h.role;
          this.admin = !!h.admin;
        }
        this.reportPresence();
        this.keepDocuments();
        void this.annotations.reconnected();
        this.liveHooks.forEach((h) => h());
      },
    });
    this.annotations = new Annotations({
      meetingId: id,
      account: () => this.me,
      isLive: () => this.socket.live,
      serverNow: () => this.socket.now(),
      command: (type, fields) => this.socket.command(type, fields),
      send: (type, fields) => this.socket.send(type, fields),
    });
  }

  async start(): Promise<void> {
    if (this.me) {
      const saved = await loadState(this.me, this.id);
      if (saved && !this.state.loaded) {
        this.state.applySnapshot(saved.snapshot);
        this.state.syncedAt = saved.savedAt;
        this.role = saved.snapshot.participants.find((p) => p.accountId === this.me)?.role ?? null;
      }
      await this.annotations.load();
    }
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.save();
    }
  }

  command(type: string, fields: Record<string, unknown> = {}): Promise<Frame> {
    return this.socket.command(type, fields);
  }

  /** Server time in ms (SQ5). */
  serverNow(): number {
    return this.socket.now();
  }

  get runsMeeting(): boolean {
    return this.role === 'CHAIR' || this.role === 'SECRETARY' || this.admin;
  }

  get isChair(): boolean {
    return this.role === 'CHAIR' || this.admin;
  }

  /** The chair, or the presenter the chair named (PR1). */
  get mayPresent(): boolean {
    return this.isChair || (!!this.me && this.state.presentation.presenterId === this.me);
  }

  setFollowing(on: boolean): void {
    this.following = on;
    localStorage.setItem(FOLLOW_KEY, String(on));
    this.reportPresence();
  }

  setView(view: { document: string; page: number } | null): void {
    if (view?.document === this.view?.document && view?.page === this.view?.page) return;
    this.view = view;
    this.reportPresence();
  }

  private presenceTimer: ReturnType<typeof setTimeout> | null = null;

  private reportPresence(): void {
    if (this.presenceTimer) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      if (!this.socket.live) return;
      const fields: Record<string, unknown> = { device: deviceName(), following: this.following };
      if (this.view) fields.view = this.view;
      this.socket.command('presence.update', fields).catch(() => undefined);
    }, 300);
  }

  private onFrame(f: Frame): void {
    if (f.type.startsWith('annotation.')) this.annotations.apply(f);
    this.frameHooks.forEach((h) => h(f));
    this.state.apply(f);
    if (typeof f.seq === 'number' || f.type === 'snapshot') {
      this.scheduleSave();
      if (f.type === 'snapshot' || f.type.startsWith('document.')) this.keepDocuments();
    }
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.save(), 1000);
  }

  private save(): void {
    this.saveTimer = null;
    if (this.me && this.state.loaded) saveState(this.me, this.id, this.state.toSnapshot());
  }

  /** Keeps every document of the meeting on the device, one after the other, once the socket is live. */
  private async keepDocuments(): Promise<void> {
    if (this.prefetching) return;
    this.prefetching = true;
    try {
      await prefetch(this.auth, this.state.documents, (ready, total) => { this.offlineDocs = { ready, total }; },
        () => this.socket.live);
    } finally {
      this.prefetching = false;
    }
  }
}

function deviceName(): string {
  const w = window.innerWidth, h = window.innerHeight;
  const kind = Math.min(w, h) < 600 ? 'phone' : navigator.maxTouchPoints > 0 ? 'tablet' : 'desktop';
  return `${kind} ${w}x${h}`;
}
