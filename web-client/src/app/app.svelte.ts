// The tablet app's global state: the sign-in (auth.ts StoredSession), who is signed in (/api/me, kept for offline
// starts), why a session ended, and the one live meeting that is open (live.svelte.ts).
import { StoredSession, type EndReason } from '../lib/auth';
import { apiJson } from '../lib/http';
import { clearAll } from '../lib/persist';
import { clearDocuments } from '../lib/pdf/doc-cache';
import { LiveMeeting } from './live.svelte';

export interface Me {
  id: string; username: string; displayName: string; admin: boolean; meetings: { meetingId: string; role: string }[];
}

const ME_KEY = 'plenum.me';

class App {
  readonly session = new StoredSession();
  signedIn = $state(this.session.signedIn);
  ended = $state<EndReason | null>(null);
  me = $state<Me | null>(readMe());
  private live: LiveMeeting | null = null;

  constructor() {
    this.session.onChange((reason) => {
      this.signedIn = this.session.signedIn;
      if (reason === null) {
        this.ended = null;
        return;
      }
      this.closeMeeting();
      this.ended = reason === 'signed-out' ? null : reason;
      this.forget();
    });
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.session.signIn(username, password);
    await this.loadMe();
  }

  async completeSingleSignOn(): Promise<void> {
    await this.session.completeSingleSignOn();
    await this.loadMe();
  }

  async signOut(): Promise<void> {
    this.closeMeeting();
    const endSessionUrl = await this.session.signOut();
    this.forget();
    // signed in through a provider: sign out there too (RP-initiated logout); it sends the browser back here
    if (endSessionUrl) location.assign(endSessionUrl);
  }

  async loadMe(): Promise<Me | null> {
    try {
      const me = await apiJson<Me>(this.session, '/api/me');
      this.me = me;
      localStorage.setItem(ME_KEY, JSON.stringify(me));
    } catch {
      // offline: keep what was saved
    }
    return this.me;
  }

  /** The live meeting {@code id}, opened once and kept while the user moves between its pages. */
  meeting(id: string): LiveMeeting {
    if (this.live?.id !== id) {
      this.closeMeeting();
      this.live = new LiveMeeting(id, this.session, this.me?.id ?? '');
      const started = this.live;
      queueMicrotask(() => started.start()); // not inside the reactive read that asked for it
    }
    return this.live;
  }

  closeMeeting(): void {
    this.live?.stop();
    this.live = null;
  }

  private forget(): void {
    this.me = null;
    localStorage.removeItem(ME_KEY);
    localStorage.removeItem('plenum.meetings');
    clearAll();
    clearDocuments();
  }
}

function readMe(): Me | null {
  try {
    return JSON.parse(localStorage.getItem(ME_KEY) ?? 'null');
  } catch {
    return null;
  }
}

export const app = new App();
