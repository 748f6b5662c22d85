// Lời cho thiết bị điểm cầu (issue 19, D39): mã cho bộ mã hóa của hội trường (MV27).
export const viRoomgear = {
  'sec.issue.HALL': 'Cấp mã cho bộ mã hóa hội trường (WHIP)',
};
