// Annotation operations waiting for the server (issue 12, offline): every operation is written to IndexedDB (idb)
// before anything is sent, per account and meeting, in the order made; it leaves the outbox only when its ack says
// it was committed or refused for good. A push after a lost ack is safe: the server acks a stored operation again
// (AN4, same id, stamp and sender).
import { openDB, type IDBPDatabase } from 'idb';
import type { Op } from './types';

export interface Queued { key?: number; owner: string; op: Op }

let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  db ??= openDB('plenum-annotations', 1, {
    upgrade(d) {
      const s = d.createObjectStore('outbox', { keyPath: 'key', autoIncrement: true });
      s.createIndex('owner', 'owner');
    },
  });
  return db;
}

/** account/meeting: the outbox of one person in one meeting. */
export const owner = (account: string, meeting: string) => `${account}/${meeting}`;

export async function enqueue(who: string, op: Op): Promise<number> {
  return (await (await open()).add('outbox', { owner: who, op } satisfies Queued)) as number;
}

export async function queued(who: string): Promise<Queued[]> {
  const all = (await (await open()).getAllFromIndex('outbox', 'owner', who)) as Queued[];
  return all.sort((a, b) => a.key! - b.key!);
}

export async function remove(keys: number[]): Promise<void> {
  const tx = (await open()).transaction('outbox', 'readwrite');
  await Promise.all([...keys.map((k) => tx.store.delete(k)), tx.done]);
}

export async function replace(item: Queued): Promise<void> {
  await (await open()).put('outbox', item);
}
