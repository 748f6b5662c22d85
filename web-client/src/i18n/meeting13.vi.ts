// Vietnamese words added with the whole-meeting run (issue 13, D37): credential kinds and a document's agenda items in
// words on the secretary's page. Kept apart so that the other dictionaries grow without conflicts.
export const viMeeting13 = {
  'credKind.KIOSK': 'liên kết màn hình',
  'credKind.WHIP': 'khóa bộ mã hóa (WHIP)',
  'credKind.WHEP': 'khóa bộ giải mã (WHEP)',
  'sec.onItems': 'nội dung {n}',
};
