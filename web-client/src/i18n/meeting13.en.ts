// English words added with the whole-meeting run (issue 13, D37); see meeting13.vi.ts.
import type { viMeeting13 } from './meeting13.vi';

export const enMeeting13: Record<keyof typeof viMeeting13, string> = {
  'credKind.KIOSK': 'screen link',
  'credKind.WHIP': 'encoder key (WHIP)',
  'credKind.WHEP': 'decoder key (WHEP)',
  'sec.onItems': 'item {n}',
};
