// The one meeting-socket client of every page (tablet app, kiosk, wall): docs/protocol.md §1–§3, §8.
// A ticket per connection (S1), `hello` (P1: server time), `session.resume` with the last seq the page holds (R1–R5),
// commands answered by `ack`/`error` per requestId (P3), backoff between attempts, a ping to notice dead
// connections, and the end of the session on close code 4001 (S4) or a refused token.
import { ApiError, SessionEnded, type TokenSource } from './auth';
import { apiJson } from './http';

export interface Frame { type: string; seq?: number; requestId?: string; data?: any; [k: string]: any }

export type ConnState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'ended';

export class CommandError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export interface SocketOptions {
  meetingId: string;
  auth: TokenSource;
  /** The last seq the page holds, or null for a snapshot (R2). Asked on every (re)connect. */
  resumeFrom: () => number | null;
  /** Ledger events, snapshots, presence: every frame that is not the answer to a command. */
  onFrame: (f: Frame) => void;
  onState?: (state: ConnState, detail: { attempt: number; closeCode?: number; error?: string }) => void;
  /** After the resume ack: the page is live again (kiosk and wall join the media here). */
  onLive?: (ack: Frame) => void;
  /** The socket went away (the server forgot this socket's media: MV5). */
  onDown?: () => void;
  /** requestId prefix, to tell pages apart in logs. */
  prefix?: string;
}

const PING_EVERY_MS = 25_000;
const PING_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 15_000;

export class MeetingSocket {
  state: ConnState = 'connecting';
  /** serverTime − local time, in ms (SQ5: speaking clocks). */
  serverOffsetMs = 0;
  hello: Frame | null = null;
  private ws: WebSocket | null = null;
  private counter = 0;
  private attempt = 0;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private readonly pending = new Map<string, { ok: (f: Frame) => void; fail: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  private readonly online = () => this.reconnectNow();
  private readonly offline = () => this.ws?.close(4100, 'offline');

  constructor(private readonly o: SocketOptions) {}

  start(): void {
    this.stopped = false;
    window.addEventListener('online', this.online);
    window.addEventListener('offline', this.offline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.online);
    window.removeEventListener('offline', this.offline);
    if (this.timer) clearTimeout(this.timer);
    this.drop();
  }

  get live(): boolean {
    return this.state === 'live';
  }

  /** Sends a command; resolves with its ack, rejects with its error (CommandError carries the code). */
  command(type: string, fields: Record<string, unknown> = {}, timeoutMs = 20_000): Promise<Frame> {
    const requestId = `${this.o.prefix ?? 'c'}${++this.counter}`;
    return new Promise((ok, fail) => {
      const ws = this.ws;
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        fail(new CommandError('OFFLINE', 'Not connected.'));
        return;
      }
      const timer = setTimeout(() => {
        if (this.pending.delete(requestId)) fail(new CommandError('TIMEOUT', `${type}: no answer`));
      }, timeoutMs);
      this.pending.set(requestId, { ok, fail, timer });
      ws.send(JSON.stringify({ ...fields, type, requestId }));
    });
  }

  /** Sends a message nobody acknowledges (annotation.stroke, AN14); false when not connected. An error it causes
   * arrives as a frame (onFrame). */
  send(type: string, fields: Record<string, unknown> = {}): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || this.state !== 'live') return false;
    ws.send(JSON.stringify({ ...fields, type, requestId: `${this.o.prefix ?? 'c'}${++this.counter}` }));
    return true;
  }

  /** Server time now (local clock corrected by the offset measured at hello and each pong). */
  now(): number {
    return Date.now() + this.serverOffsetMs;
  }

  private setState(state: ConnState, detail: { closeCode?: number; error?: string } = {}): void {
    this.state = state;
    this.o.onState?.(state, { attempt: this.attempt, ...detail });
  }

  private reconnectNow(): void {
    if (this.stopped || this.state === 'ended' || this.state === 'live') return;
    if (this.timer) clearTimeout(this.timer);
    this.attempt = 0;
    this.connect();
  }

  private async connect(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    if (!navigator.onLine) {
      this.setState('offline');
      return; // the 'online' event brings us back
    }
    this.setState(this.attempt === 0 && !this.hello ? 'connecting' : 'reconnecting');
    let url: string;
    try {
      const t = await apiJson<{ url: string }>(this.o.auth, `/api/meetings/${this.o.meetingId}/ws-ticket`, { method: 'POST' });
      url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${t.url}`;
    } catch (e) {
      if (e instanceof SessionEnded || (e instanceof ApiError && (e.status === 403 || e.status === 404))) {
        this.end(e.message);
        return;
      }
      this.retry(e instanceof Error ? e.message : String(e));
      return;
    }
    if (this.stopped) return;
    const ws = new WebSocket(url);
    this.ws = ws;
    let resumeId = '';
    ws.onmessage = (m) => {
      let f: Frame;
      try {
        f = JSON.parse(m.data);
      } catch {
        return;
      }
      if (f.type === 'hello') {
        this.hello = f;
        this.measure(f.serverTime, Date.now(), Date.now());
        resumeId = `${this.o.prefix ?? 'c'}${++this.counter}`;
        this.pending.set(resumeId, {
          ok: (ack) => this.resumed(ack),
          // a refused resume: close, and onclose retries (a lost connection fails it with OFFLINE: onclose does too)
          fail: (err) => { if (err instanceof CommandError && err.code !== 'OFFLINE') ws.close(4102, 'resume refused'); },
          timer: setTimeout(() => undefined, 0),
        });
        ws.send(JSON.stringify({ type: 'session.resume', requestId: resumeId, lastSeq: this.o.resumeFrom() }));
        return;
      }
      if (f.requestId && (f.type === 'ack' || f.type === 'error' || f.type === 'pong')) {
        const p = this.pending.get(f.requestId);
        if (p) {
          this.pending.delete(f.requestId);
          clearTimeout(p.timer);
          if (f.type === 'error') p.fail(new CommandError(f.code, f.message)); else p.ok(f);
          return;
        }
        if (f.type !== 'error') return;
      }
      this.o.onFrame(f);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.drop();
      this.o.onDown?.();
      if (this.stopped) return;
      if (e.code === 4001) {
        this.o.auth.end('revoked'); // signed out elsewhere or ended by the server (S4): not this tablet's own sign-out
        this.end('signed out', e.code);
        return;
      }
      this.retry(e.reason || `closed ${e.code}`, e.code === 4029 ? 10_000 : 0, e.code);
    };
  }

  private resumed(ack: Frame): void {
    this.attempt = 0;
    this.setState('live');
    this.pinger = setInterval(() => this.ping(), PING_EVERY_MS);
    this.o.onLive?.(ack);
  }

  private ping(): void {
    const sent = Date.now();
    this.command('ping', {}, PING_TIMEOUT_MS)
      .then((pong) => this.measure(pong.serverTime, sent, Date.now()))
      .catch(() => this.ws?.close(4101, 'no pong')); // dead connection: reconnect and resume
  }

  private measure(serverTime: string | undefined, sent: number, received: number): void {
    const t = serverTime ? Date.parse(serverTime) : NaN;
    if (!Number.isNaN(t)) this.serverOffsetMs = t - (sent + received) / 2;
  }

  private retry(error: string, minDelay = 0, closeCode?: number): void {
    if (this.stopped || this.state === 'ended') return;
    this.attempt++;
    const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.attempt, 6));
    const delay = Math.max(minDelay, backoff * (0.5 + Math.random() / 2));
    this.setState(navigator.onLine ? 'reconnecting' : 'offline', { error, closeCode });
    if (this.timer) clearTimeout(this.timer);
    if (navigator.onLine) this.timer = setTimeout(() => this.connect(), delay);
  }

  private end(error: string, closeCode?: number): void {
    this.stopped = true;
    this.drop();
    this.setState('ended', { error, closeCode });
  }

  private drop(): void {
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = null;
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close();
    this.pending.forEach((p) => {
      clearTimeout(p.timer);
      p.fail(new CommandError('OFFLINE', 'The connection was lost.'));
    });
    this.pending.clear();
  }
}
