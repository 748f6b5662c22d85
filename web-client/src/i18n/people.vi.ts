// Vietnamese words of the people picker (issue 12: "shared with people" visibility in the annotation tools and the
// annotation menu, branch h12). Kept apart so that vi.ts grows without conflicts.
export const viPeople = {
  'picker.title': 'Chia sẻ với những ai',
  'picker.search': 'Tìm theo tên',
  'picker.noMatch': 'Không có ai tên khớp “{q}”',
  'picker.noOne': 'Cuộc họp chưa có người tham dự nào khác',
  'picker.chosen': 'Đã chọn {n} người',
  'picker.done': 'Xong',
  'picker.share': 'Chia sẻ',
  'picker.cancel': 'Huỷ',
  'picker.needOne': 'Hãy chọn ít nhất một người',
  'picker.change': 'Đổi người được xem',
  'picker.with': 'Chia sẻ với: {names}',
};
