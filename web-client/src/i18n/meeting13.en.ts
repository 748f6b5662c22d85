// English words added with the whole-meeting run (issue 13, D37); see meeting13.vi.ts.
import type { viMeeting13 } from './meeting13.vi';

export const enMeeting13: Record<keyof typeof viMeeting13, string> = {
  'credKind.KIOSK': 'screen link',
  'credKind.WHIP': 'encoder key (WHIP)',
  'credKind.WHEP': 'decoder key (WHEP)',
  'sec.onItems': 'item {n}',
  'vote.oneVote': '1 vote',
  'csv.header': 'The first line must be the header code,name,district.',
  'csv.tooMany': 'The file lists more than {n} rooms.',
  'csv.none': 'The file lists no rooms.',
  'csv.fields': 'Expected 3 fields (code,name,district), found {n}.',
  'csv.noCode': 'The room code is empty.',
  'csv.badCode': 'The room code “{code}” may only have 1–40 letters, digits, “.”, “_” or “-”.',
  'csv.repeated': 'The room code “{code}” is already on line {line}.',
  'csv.name': 'The room name must have 1 to {n} characters.',
  'csv.district': 'The district must have at most {n} characters.',
  'csv.utf8': 'The file is not UTF-8 (byte {n}): save it as “CSV UTF-8”.',
  'csv.quote': 'A quote is misplaced: quote the whole field and double the quotes inside ("").',
  'csv.person': 'The user name “{name}” belongs to a person\'s account, not a room.',
};
