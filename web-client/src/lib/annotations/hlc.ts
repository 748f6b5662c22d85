// This device's hybrid logical clock (AN1): a device id chosen once and kept, stamps that only increase — across
// reloads too (the last stamp is kept in localStorage) and after seeing other devices' stamps — on the wall clock
// corrected by the server's offset (hello.serverTime).
import type { Stamp } from './types';

const DEVICE_KEY = 'plenum.device';
const LAST_KEY = 'plenum.hlc';

export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id || !/^[A-Za-z0-9._:-]{1,64}$/.test(id)) {
    const bytes = crypto.getRandomValues(new Uint8Array(9));
    id = 'web-' + Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export class Clock {
  private last: { ms: number; c: number };

  constructor(private readonly now: () => number, readonly device = deviceId()) {
    try {
      const saved = JSON.parse(localStorage.getItem(LAST_KEY) ?? 'null');
      this.last = saved && Number.isFinite(saved.ms) && Number.isFinite(saved.c) ? saved : { ms: 0, c: 0 };
    } catch {
      this.last = { ms: 0, c: 0 };
    }
  }

  /** A new stamp, later than every stamp this device made or saw. */
  stamp(): Stamp {
    const wall = Math.floor(this.now());
    this.last = wall > this.last.ms ? { ms: wall, c: 0 } : { ms: this.last.ms, c: this.last.c + 1 };
    if (this.last.c > 65535) this.last = { ms: this.last.ms + 1, c: 0 };
    localStorage.setItem(LAST_KEY, JSON.stringify(this.last));
    return { ...this.last, device: this.device };
  }

  /** Takes in a stamp received from elsewhere (AN1), unless it is from the far future (AN9 would refuse ours). */
  observe(s: Stamp): void {
    if (s.ms > this.now() + 60_000) return;
    if (s.ms > this.last.ms || (s.ms === this.last.ms && s.c > this.last.c)) {
      this.last = { ms: s.ms, c: s.c };
      localStorage.setItem(LAST_KEY, JSON.stringify(this.last));
    }
  }
}
