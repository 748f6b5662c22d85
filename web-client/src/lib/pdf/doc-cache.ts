// Meeting documents kept on the device for offline reading, in Cache Storage under their content URL (each version
// is immutable, DL1). Filled in the background, one document after the other, while the socket is live; read by
// the viewer's range loader (source.ts). A document whose access is revoked disappears from the meeting state and
// is dropped here at the next pass; everything is dropped at sign-out.
import type { TokenSource } from '../auth';
import { authedFetch } from '../http';
import type { MeetingDocument } from '../types';

const CACHE = 'plenum-docs-v1';
const START_DELAY_MS = 5000;
let paused = 0;
/** The background download in flight, cut short when the viewer opens a document (it restarts afterwards). */
let inflight: AbortController | null = null;

function available(): boolean {
  return typeof caches !== 'undefined';
}

export function currentUrl(d: MeetingDocument): string {
  const v = d.versions.find((x) => x.number === d.currentVersion) ?? d.versions[d.versions.length - 1];
  return v.contentUrl;
}

export async function cachedBlob(url: string): Promise<Blob | null> {
  if (!available()) return null;
  const res = await (await caches.open(CACHE)).match(url);
  return res ? res.blob() : null;
}

/** While the viewer opens a document, background downloads wait (the first page comes first). */
export function pauseWhile<T>(work: Promise<T>): Promise<T> {
  paused++;
  inflight?.abort();
  return work.finally(() => { paused--; });
}

export async function prefetch(auth: TokenSource, docs: MeetingDocument[], progress: (ready: number, total: number) => void,
    go: () => boolean): Promise<void> {
  if (!available()) return;
  const cache = await caches.open(CACHE);
  const wanted = new Set(docs.map(currentUrl));
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (!wanted.has(path)) await cache.delete(req); // revoked, replaced by a new version, or another meeting's
  }
  let ready = 0;
  for (const url of wanted) if (await cache.match(url)) ready++;
  progress(ready, wanted.size);
  await sleep(START_DELAY_MS); // what the reader opens first comes first
  for (const url of wanted) {
    if (await cache.match(url)) continue;
    for (let attempt = 0; attempt < 20; attempt++) {
      while (paused > 0) await sleep(500);
      if (!go()) return;
      inflight = new AbortController();
      try {
        const res = await authedFetch(auth, url, { signal: inflight.signal });
        if (!res.ok) break;
        await cache.put(url, new Response(await res.blob(), { headers: { 'Content-Type': 'application/pdf' } }));
        progress(++ready, wanted.size);
        break;
      } catch (e) {
        if (!inflight.signal.aborted) return; // offline or signed out: the next live connection tries again
      } finally {
        inflight = null;
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function clearDocuments(): Promise<void> {
  if (available()) await caches.delete(CACHE);
}
