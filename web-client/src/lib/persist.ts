// What a tablet keeps on the device (IndexedDB through idb): the last meeting state per account and meeting, so
// the app opens offline and resumes from that seq (R1) instead of a snapshot; the idempotency keys and receipts of
// ballots (VT4: a retry after a lost ack must send the same key). Cleared on sign-out.
import { openDB, type IDBPDatabase } from 'idb';
import type { Snapshot } from './types';

interface Saved { key: string; snapshot: Snapshot; savedAt: number }
interface Ballot { key: string; idempotencyKey: string; receipt: string | null; choice: string[] | null }

let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  db ??= openDB('plenum', 1, {
    upgrade(d) {
      d.createObjectStore('meetings', { keyPath: 'key' });
      d.createObjectStore('ballots', { keyPath: 'key' });
    },
  });
  return db;
}

export async function loadState(account: string, meeting: string): Promise<Saved | undefined> {
  try {
    return await (await open()).get('meetings', `${account}/${meeting}`);
  } catch {
    return undefined; // private mode or no IndexedDB: start from a snapshot
  }
}

export async function saveState(account: string, meeting: string, snapshot: Snapshot): Promise<void> {
  try {
    await (await open()).put('meetings', { key: `${account}/${meeting}`, snapshot, savedAt: Date.now() } satisfies Saved);
  } catch {
    // not fatal: the next start asks for a snapshot
  }
}

/** The ballot of {@code voter} in a poll as this device cast it (key before the cast, receipt after its ack). */
export async function ballot(poll: string, voter: string): Promise<Ballot> {
  const key = `${poll}/${voter}`;
  const d = await open();
  const found = (await d.get('ballots', key)) as Ballot | undefined;
  if (found) return found;
  const fresh: Ballot = { key, idempotencyKey: crypto.randomUUID(), receipt: null, choice: null };
  await d.put('ballots', fresh);
  return fresh;
}

export async function saveBallot(b: Ballot): Promise<void> {
  await (await open()).put('ballots', b);
}

export async function receipts(): Promise<Ballot[]> {
  try {
    return (await (await open()).getAll('ballots')) as Ballot[];
  } catch {
    return [];
  }
}

export async function clearAll(): Promise<void> {
  try {
    const d = await open();
    await d.clear('meetings');
    await d.clear('ballots');
  } catch {
    // nothing kept
  }
}
