// What the administration page reads from the REST API (openapi.yaml: Account, Meeting, Participant).
export interface Account { id: string; username: string; displayName: string; kind: 'PERSON' | 'ROOM'; admin: boolean; disabled: boolean }
export interface AdminMeeting { id: string; title: string; status: string; startsAt: string | null; location: string | null }
export interface MeetingParticipant { accountId: string; username: string; displayName: string; role: string; votingRight: boolean }
