// The one store of a meeting's state on a tablet, fed only by the snapshot and the ledger events of the socket
// (docs/protocol.md R1–R5) — never by command answers. Ledger events at or below the seq held are ignored (a
// replay after a saved state), so applying is idempotent. Presence is kept apart: memory only (PS1).
import type { Frame } from '../lib/socket';
import type {
  AgendaItem, MeetingDocument, MeetingInfo, MeetingQuorum, Participant, Poll, PresenceEntry, Presentation, Proxy, Queue,
  Snapshot,
} from '../lib/types';

export class MeetingState {
  seq = $state(0);
  loaded = $state(false);
  meeting = $state<MeetingInfo | null>(null);
  agenda = $state<AgendaItem[]>([]);
  currentItemId = $state<string | null>(null);
  participants = $state<Participant[]>([]);
  speakers = $state<Queue>({ current: null, waiting: [] });
  presentation = $state<Presentation>({ presenterId: null, document: null, page: null, zoom: null });
  documents = $state<MeetingDocument[]>([]);
  polls = $state<Poll[]>([]);
  proxies = $state<Proxy[]>([]);
  quorum = $state<MeetingQuorum | null>(null);
  presence = $state<Record<string, PresenceEntry>>({});
  /** In a large meeting (PS4) only the number of connections is known: then presence is empty and this is set. */
  presenceCount = $state<number | null>(null);
  /** When the state was last confirmed by the server (for "saved state from …" while offline). */
  syncedAt = $state<number | null>(null);

  /** The whole state as a snapshot, to keep on the device (persist.ts) and restore before the socket resumes. */
  toSnapshot(): Snapshot {
    return $state.snapshot({
      seq: this.seq, meeting: this.meeting!, agenda: { items: this.agenda, currentItemId: this.currentItemId },
      participants: this.participants, speakers: this.speakers, presentation: this.presentation, documents: this.documents,
      polls: this.polls, proxies: this.proxies, quorum: this.quorum,
    }) as Snapshot;
  }

  applySnapshot(s: Snapshot): void {
    this.seq = s.seq;
    this.meeting = s.meeting;
    this.agenda = s.agenda.items;
    this.currentItemId = s.agenda.currentItemId;
    this.participants = s.participants;
    this.speakers = s.speakers;
    this.presentation = s.presentation;
    this.documents = s.documents ?? [];
    this.polls = s.polls ?? [];
    this.proxies = s.proxies ?? [];
    this.quorum = s.quorum ?? null;
    this.loaded = true;
  }

  /** A frame from the socket that is not a command answer. */
  apply(f: Frame): void {
    if (f.type === 'snapshot') {
      this.applySnapshot(f.data as Snapshot);
      this.syncedAt = Date.now();
      return;
    }
    if (f.type === 'presence.snapshot') {
      this.presence = Object.fromEntries((f.connections as PresenceEntry[]).map((c) => [c.connectionId, c]));
      this.presenceCount = null;
      return;
    }
    if (f.type === 'presence.count') {
      this.presence = {};
      this.presenceCount = f.count as number;
      return;
    }
    if (f.type === 'presence.changed') {
      const next = { ...this.presence };
      for (const c of [...(f.joined ?? []), ...(f.updated ?? [])] as PresenceEntry[]) next[c.connectionId] = c;
      for (const id of (f.left ?? []) as string[]) delete next[id];
      this.presence = next;
      return;
    }
    if (typeof f.seq !== 'number' || f.seq <= this.seq) return;
    this.seq = f.seq;
    this.syncedAt = Date.now();
    this.event(f.type, f.data ?? {});
  }

  private event(type: string, d: any): void {
    if (d.quorum && (type === 'participant.changed' || type === 'proxy.changed')) this.quorum = d.quorum as MeetingQuorum;
    switch (type) {
      case 'meeting.statusChanged':
        if (this.meeting) this.meeting = { ...this.meeting, status: d.status };
        return;
      case 'agenda.changed':
        this.agenda = d.items;
        this.currentItemId = d.currentItemId;
        return;
      case 'participant.changed':
        this.participants = upsert(this.participants, d.participant as Participant, (p) => p.accountId);
        return;
      case 'speaker.requested': case 'speaker.withdrawn': case 'speaker.granted': case 'speaker.ended': case 'speaker.reordered':
        this.speakers = { ...this.speakers, ...d.queue };
        return;
      case 'presentation.changed':
        this.presentation = d as Presentation;
        return;
      case 'document.published': case 'document.versionAdded': case 'document.accessChanged':
        if (d.revoked) this.documents = this.documents.filter((x) => x.id !== d.documentId);
        else this.documents = upsert(this.documents, d.document as MeetingDocument, (x) => x.id);
        return;
      case 'poll.created': case 'poll.opened': case 'poll.closed': case 'poll.cancelled': {
        // poll.opened carries the poll's own quorum {rule, required, counted, reached}, not the meeting's (VT11)
        const { quorum, ...rest } = d;
        const old = this.polls.find((p) => p.pollId === d.pollId);
        const poll: Poll = { ...old, ...rest, ...(quorum ? { quorum } : {}) };
        this.polls = upsert(this.polls, poll, (p) => p.pollId);
        return;
      }
      case 'vote.recorded': {
        const old = this.polls.find((p) => p.pollId === d.pollId);
        if (old) this.polls = upsert(this.polls, { ...old, ballotsCast: d.ballotsCast, eligible: d.eligible }, (p) => p.pollId);
        return;
      }
      case 'proxy.changed':
        this.proxies = [...this.proxies.filter((p) => p.giverId !== d.giverId), ...(d.holderId ? [{ giverId: d.giverId, holderId: d.holderId }] : [])];
        return;
      default:
        return; // rooms, media and credentials: not shown on the tablet
    }
  }

  participant(accountId: string | null | undefined): Participant | undefined {
    return this.participants.find((p) => p.accountId === accountId);
  }

  /** Account ids with at least one open connection (presence), each once. */
  get online(): Set<string> {
    return new Set(Object.values(this.presence).map((c) => c.accountId));
  }

  documentsOf(itemId: string | null): MeetingDocument[] {
    return this.documents.filter((d) => (itemId === null ? d.agendaItemIds.length === 0 : d.agendaItemIds.includes(itemId)));
  }

  document(id: string | null | undefined): MeetingDocument | undefined {
    return this.documents.find((d) => d.id === id);
  }
}

function upsert<T>(list: T[], item: T, id: (t: T) => string): T[] {
  const i = list.findIndex((x) => id(x) === id(item));
  if (i < 0) return [...list, item];
  const next = list.slice();
  next[i] = item;
  return next;
}
