// Who the client is to the server: a source of access tokens. Two kinds share one interface so that the meeting
// socket (socket.ts) and REST calls (http.ts) work the same on every page (no page takes a password from its URL,
// docs/protocol.md AD1, AD2):
// - StoredSession: the tablet app. Signs in with a password once and keeps the device signed in for the meeting day
//   with the rotating refresh token (docs/decisions.md D5, D18). The password is never stored.
// - KioskLink: a room's KIOSK link (#token=…), exchanged at POST /api/auth/kiosk (RM8) whenever a token is needed.

export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
  }
}

/** The session really ended: the server refused the refresh token, revoked the session or closed with 4001. */
export class SessionEnded extends ApiError {
  constructor(message = 'The session has ended.') {
    super('NOT_AUTHENTICATED', message, 401);
  }
}

export interface TokenSource {
  /** A valid access token, refreshed or exchanged when needed. Throws SessionEnded when that is impossible. */
  accessToken(): Promise<string>;
  /** The server refused {@code token}: get a new one next time. */
  invalidate(token: string): void;
  /** The server ended the session (4001, a refused refresh). */
  end(reason: EndReason): void;
}

export type EndReason = 'expired' | 'signed-out' | 'revoked';

interface TokenAnswer { accessToken: string; expiresIn: number; refreshToken?: string; refreshExpiresIn?: number; meetingId?: string }

/** What the tablet keeps between reloads (localStorage): tokens only, never the password. */
export interface StoredTokens {
  accessToken: string;
  accessExpiresAt: number;
  accessLifetimeMs: number;
  refreshToken: string;
  refreshExpiresAt: number;
  username: string;
}

/** Refresh this long before the access token runs out: 30 s, or a quarter of a short token's life. */
function early(lifetimeMs: number): number {
  return Math.min(30_000, lifetimeMs / 4);
}

export async function postJson<T>(path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
  } catch {
    throw new ApiError('NETWORK', 'The server cannot be reached.', 0);
  }
  return readJson<T>(res);
}

export async function readJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    throw new ApiError(json?.code ?? (res.status >= 500 ? 'UNAVAILABLE' : 'BAD_MESSAGE'), json?.message ?? res.statusText, res.status);
  }
  return json as T;
}

type Listener = (reason: EndReason | null) => void;

/**
 * The tablet app's sign-in. Tokens live in localStorage under one key, so every tab of the app shares them; a
 * refresh runs under a Web Lock (one tab at a time) and re-reads the stored pair first, because the refresh token
 * rotates and presenting an old one again revokes the session (D5).
 */
export class StoredSession implements TokenSource {
  private static readonly KEY = 'plenum.session';
  private readonly listeners = new Set<Listener>();
  private inflight: Promise<string> | null = null;

  constructor() {
    window.addEventListener('storage', (e) => {
      if (e.key === StoredSession.KEY && e.newValue === null) this.emit('signed-out');
    });
  }

  get tokens(): StoredTokens | null {
    const raw = localStorage.getItem(StoredSession.KEY);
    if (!raw) return null;
    try {
      const t = JSON.parse(raw) as StoredTokens;
      return t.refreshExpiresAt > Date.now() ? t : null;
    } catch {
      return null;
    }
  }

  get signedIn(): boolean {
    return this.tokens !== null;
  }

  onChange(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async signIn(username: string, password: string): Promise<void> {
    const t = await postJson<TokenAnswer>('/api/auth/login', { username, password });
    this.save(t, username);
    this.emit(null);
  }

  /**
   * Takes the outcome of a single sign-on (protocol §1.1): after the provider, the server sent the browser back to
   * /?signin=oidc; the HttpOnly cookie of that sign-in gets Plenum's own tokens here, never through a URL.
   */
  async completeSingleSignOn(): Promise<void> {
    const t = await postJson<TokenAnswer>('/api/auth/oidc/complete', {});
    this.save(t, '');
    this.emit(null);
  }

  /** Signs out; resolves to the provider's end-session URL when the session came from one (OI9). */
  async signOut(): Promise<string | null> {
    const t = this.tokens;
    let endSessionUrl: string | null = null;
    if (t) {
      // best effort: the server ends the session at once (S4); offline, the tokens are dropped here anyway
      const answer = await postJson<{ endSessionUrl?: string } | null>('/api/auth/logout', {}, t.accessToken).catch(() => null);
      endSessionUrl = answer?.endSessionUrl ?? null;
    }
    this.clear('signed-out');
    return endSessionUrl;
  }

  end(reason: EndReason): void {
    this.clear(reason);
  }

  invalidate(token: string): void {
    const t = this.tokens;
    if (t && t.accessToken === token) this.write({ ...t, accessExpiresAt: 0 });
  }

  accessToken(): Promise<string> {
    const t = this.tokens;
    if (!t) return Promise.reject(new SessionEnded());
    if (fresh(t)) return Promise.resolve(t.accessToken);
    this.inflight ??= this.refreshLocked().finally(() => { this.inflight = null; });
    return this.inflight;
  }

  private refreshLocked(): Promise<string> {
    const locks = (navigator as any).locks;
    return locks ? locks.request('plenum.refresh', () => this.refresh()) : this.refresh();
  }

  private async refresh(): Promise<string> {
    const t = this.tokens; // another tab may have refreshed while we waited for the lock
    if (!t) throw new SessionEnded();
    if (fresh(t)) return t.accessToken;
    try {
      const fresh = await postJson<TokenAnswer>('/api/auth/refresh', { refreshToken: t.refreshToken });
      return this.save(fresh, t.username).accessToken;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        this.clear('expired');
        throw new SessionEnded(e.message);
      }
      throw e; // offline or the server is down: keep the session, try again later
    }
  }

  private save(t: TokenAnswer, username: string): StoredTokens {
    const now = Date.now();
    const stored: StoredTokens = {
      accessToken: t.accessToken,
      accessExpiresAt: now + t.expiresIn * 1000,
      accessLifetimeMs: t.expiresIn * 1000,
      refreshToken: t.refreshToken ?? '',
      refreshExpiresAt: now + (t.refreshExpiresIn ?? t.expiresIn) * 1000,
      username,
    };
    this.write(stored);
    return stored;
  }

  private write(t: StoredTokens): void {
    localStorage.setItem(StoredSession.KEY, JSON.stringify(t));
  }

  private clear(reason: EndReason): void {
    const had = localStorage.getItem(StoredSession.KEY) !== null;
    localStorage.removeItem(StoredSession.KEY);
    if (had || reason !== 'signed-out') this.emit(reason);
  }

  private emit(reason: EndReason | null): void {
    this.listeners.forEach((l) => l(reason));
  }
}

function fresh(t: StoredTokens): boolean {
  return t.accessExpiresAt - Date.now() > early(t.accessLifetimeMs ?? 900_000);
}

/** Short-lived tokens obtained again whenever they run out (kiosk links, demo links); no refresh token. */
abstract class ExchangedToken implements TokenSource {
  private token = '';
  private expiresAt = 0;
  private lifetimeMs = 0;
  meetingId: string | null = null;
  ended: EndReason | null = null;

  protected abstract exchange(): Promise<TokenAnswer>;

  async accessToken(): Promise<string> {
    if (this.ended) throw new SessionEnded();
    if (this.token && this.expiresAt - Date.now() > early(this.lifetimeMs)) return this.token;
    try {
      const t = await this.exchange();
      this.token = t.accessToken;
      this.expiresAt = Date.now() + t.expiresIn * 1000;
      this.lifetimeMs = t.expiresIn * 1000;
      if (t.meetingId) this.meetingId = t.meetingId;
      return this.token;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        this.ended = 'revoked';
        throw new SessionEnded(e.message);
      }
      throw e;
    }
  }

  invalidate(token: string): void {
    if (token === this.token) this.expiresAt = 0;
  }

  end(reason: EndReason): void {
    // a kiosk signs in again by itself: only a refused exchange ends it for good
    if (reason !== 'signed-out') this.expiresAt = 0;
  }
}

export class KioskLink extends ExchangedToken {
  constructor(private readonly secret: string) {
    super();
  }

  protected exchange(): Promise<TokenAnswer> {
    return postJson<TokenAnswer>('/api/auth/kiosk', { token: this.secret });
  }
}
