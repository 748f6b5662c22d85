// Vietnamese words added with the whole-meeting run (issue 13, D37): credential kinds and a document's agenda items in
// words on the secretary's page. Kept apart so that the other dictionaries grow without conflicts.
export const viMeeting13 = {
  'credKind.KIOSK': 'liên kết màn hình',
  'credKind.WHIP': 'khóa bộ mã hóa (WHIP)',
  'credKind.WHEP': 'khóa bộ giải mã (WHEP)',
  'sec.onItems': 'nội dung {n}',
  'vote.oneVote': '1 phiếu',
  'csv.header': 'Dòng đầu phải là dòng tiêu đề code,name,district.',
  'csv.tooMany': 'Tệp có quá {n} điểm cầu.',
  'csv.none': 'Tệp không có điểm cầu nào.',
  'csv.fields': 'Cần 3 cột (code,name,district), dòng này có {n}.',
  'csv.noCode': 'Thiếu mã điểm cầu.',
  'csv.badCode': 'Mã điểm cầu “{code}” chỉ được có 1–40 chữ cái, chữ số, “.”, “_” hoặc “-”.',
  'csv.repeated': 'Mã điểm cầu “{code}” đã có ở dòng {line}.',
  'csv.name': 'Tên điểm cầu phải có từ 1 đến {n} ký tự.',
  'csv.district': 'Tên huyện/quận tối đa {n} ký tự.',
  'csv.utf8': 'Tệp không phải UTF-8 (byte {n}): hãy lưu lại dạng “CSV UTF-8”.',
  'csv.quote': 'Dấu ngoặc kép không đúng: đặt cả trường trong ngoặc kép và viết đôi dấu ngoặc bên trong ("").',
  'csv.person': 'Tên đăng nhập “{name}” là tài khoản của một người, không phải của điểm cầu.',
};
