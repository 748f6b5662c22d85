// Shapes of the server's snapshot and events (docs/protocol.md §3, §5, §10, §11). Only what the app reads.

export type Role = 'CHAIR' | 'SECRETARY' | 'DELEGATE' | 'OBSERVER' | 'REMOTE_ROOM';

export interface MeetingInfo {
  id: string; title: string; status: string; startsAt: string | null; location: string | null;
  openedAt?: string | null; closedAt?: string | null;
}

export interface MeetingSummary extends MeetingInfo { role: Role | null }

export interface AgendaItem { id: string; parentId: string | null; number: string; title: string; durationMinutes: number | null; internal: boolean }

export interface Participant {
  accountId: string; username: string; displayName: string; kind: 'PERSON' | 'ROOM'; role: Role; votingRight: boolean;
  voteWeight?: string; attendance: string; attendanceRoomId: string | null; attendanceAt: string | null;
  invitation?: string; invitationNote?: string | null;
}

export interface SpeakerEntry {
  id: string; accountId: string; displayName: string; kind: string; status: string; agendaItemId: string | null;
  requestedAt: string; startedAt: string | null; endedAt: string | null; timeLimitSeconds: number | null;
}

export interface Queue { current: SpeakerEntry | null; waiting: SpeakerEntry[]; defaultTimeLimitSeconds?: number }

export interface Presentation { presenterId: string | null; document: string | null; page: number | null; zoom: number | null }

export interface DocVersion {
  number: number; sha256: string; size: number; pageCount: number; filename: string; changeNote: string | null;
  uploadedAt: string; signatures: { status: string; signer?: string; signerName?: string }[]; contentUrl: string; watermarkedUrl: string;
  /** DU6: what the uploaded file carried (all but URI removed when originalSha256 is set), its web links */
  activeContent?: string[]; links?: string[]; originalSha256?: string | null;
}

export interface MeetingDocument {
  id: string; title: string; access: { kind: string; roles?: string[]; people?: string[] }; agendaItemIds: string[];
  currentVersion: number; versions: DocVersion[];
}

export interface QuorumState { rule: string; required: string; counted: string; reached: boolean }

export interface MeetingQuorum {
  membersWeight: string; presentWeight: string; representedWeight: string; meeting: QuorumState;
  polls: ({ pollId: string } & QuorumState)[];
}

export interface PollSpec {
  title: string; kind: 'YES_NO_ABSTAIN' | 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE' | 'ELECTION'; secrecy: 'NAMED' | 'SECRET';
  options: { id: string; label: string }[]; minChoices: number; maxChoices: number; rule: string;
  quorum?: { kind: string; n: number; proxies: string }; abstentions?: string;
}

export interface PollResult {
  totals: Record<string, string>; validWeight: string; ballots: number; membersWeight: string; presentWeight: string;
  representedWeight: string; outcome: { verdict: string; elected: string[]; tied: string[] }; ruleName: string; explanation: string;
}

export interface Poll {
  pollId: string; spec: PollSpec; status: string; ballotsCast: number; eligible?: string; durationSeconds?: number | null;
  namedVisibility?: string; agendaItemId?: string | null; closesAt?: string | null; quorum?: QuorumState;
  result?: PollResult; namedVotes?: { voterId: string; choice: string[] }[];
}

export interface Proxy { giverId: string; holderId: string }

export interface PresenceEntry {
  connectionId: string; accountId: string; displayName: string; role: Role | null; device: string | null;
  following: boolean | null; view: { document: string; page: number } | null; connectedAt: string;
}

export interface Snapshot {
  seq: number; meeting: MeetingInfo; agenda: { items: AgendaItem[]; currentItemId: string | null };
  participants: Participant[]; speakers: Queue; presentation: Presentation; documents?: MeetingDocument[];
  polls?: Poll[]; proxies?: Proxy[]; quorum?: MeetingQuorum | null;
}
