// Vietnamese words of the hall feed on the chair console (issue 13, branch hallfeed, D34). Kept apart so that the
// other dictionaries grow without conflicts.
export const viHall = {
  'hall.title': 'Hình ảnh hội trường',
  'hall.start': 'Phát hình hội trường',
  'hall.stop': 'Dừng phát hình',
  'hall.preview': 'Hình camera của hội trường',
  'hall.noCamera': 'Không mở được camera: hãy cho phép trình duyệt dùng camera và micrô rồi thử lại.',
  'hall.state.off': 'Các điểm cầu chưa thấy hội trường: camera đang tắt.',
  'hall.state.starting': 'Đang mở camera và kết nối…',
  'hall.state.on': 'Các điểm cầu đang thấy hội trường qua camera này.',
  'hall.state.waiting': 'Mất kết nối: hình hội trường sẽ tự phát lại khi kết nối trở lại.',
  'hall.state.error': 'Chưa phát được hình hội trường.',
};
