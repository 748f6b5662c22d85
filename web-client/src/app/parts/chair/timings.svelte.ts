// Timings against the plan (AG3): how long each agenda item has been under discussion, folded by the server from
// the ledger (GET …/agenda/timings); the current item's clock runs here in server time (the socket's offset).
import { apiJson } from '../../../lib/http';
import type { LiveMeeting } from '../../live.svelte';

interface Timings {
  items: { itemId: string; actualSeconds: number; timesCurrent: number }[];
  currentItemId: string | null; currentSince: string | null; serverTime: string;
}

export class AgendaTimings {
  /** Seconds of the spans that ended, per item. */
  private closed = $state<Record<string, number>>({});
  private running = $state<{ item: string; since: number } | null>(null);
  tick = $state(Date.now());
  failed = $state(false);

  constructor(private readonly live: () => LiveMeeting) {}

  async refresh(): Promise<void> {
    const live = this.live();
    try {
      const t = await apiJson<Timings>(live.auth, `/api/meetings/${live.id}/agenda/timings`);
      const serverTime = Date.parse(t.serverTime);
      const since = t.currentSince ? Date.parse(t.currentSince) : null;
      const closed: Record<string, number> = {};
      for (const i of t.items) closed[i.itemId] = i.actualSeconds;
      if (t.currentItemId && since !== null) closed[t.currentItemId] = Math.max(0, (closed[t.currentItemId] ?? 0) - Math.floor((serverTime - since) / 1000));
      this.closed = closed;
      this.running = t.currentItemId && since !== null ? { item: t.currentItemId, since } : null;
      this.failed = false;
    } catch {
      this.failed = true;
    }
  }

  /** Starts the clock; returns the function that stops it. */
  start(): () => void {
    this.tick = this.live().serverNow();
    const timer = setInterval(() => { this.tick = this.live().serverNow(); }, 1000);
    return () => clearInterval(timer);
  }

  /** Seconds under discussion so far (null: never current). */
  actual(itemId: string): number | null {
    const base = this.closed[itemId];
    const run = this.running?.item === itemId ? Math.max(0, (this.tick - this.running.since) / 1000) : 0;
    return base === undefined && !run ? null : (base ?? 0) + run;
  }
}
