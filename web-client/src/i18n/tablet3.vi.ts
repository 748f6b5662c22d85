// Vietnamese words of the viewer's later slices (issue 12, branch tablet3: annotations not carried to a new version).
// Kept apart so that vi.ts grows without conflicts.
export const viTablet3 = {
  'orphan.title': 'Ghi chú chưa chuyển sang phiên bản mới',
  'orphan.intro': 'Tài liệu có phiên bản {n}. Các ghi chú này của bạn không tìm được chỗ trên phiên bản mới và vẫn nằm ở phiên bản cũ.',
  'orphan.where': 'phiên bản {version}, trang {page}',
  'orphan.place': 'Đặt vào trang {page}',
  'orphan.count': 'Chưa chuyển sang phiên bản mới: {n}',
  'orphan.reason.TEXT_NOT_FOUND': 'không còn đoạn văn được đánh dấu',
  'orphan.reason.AMBIGUOUS': 'đoạn văn xuất hiện ở nhiều chỗ',
  'orphan.reason.SPLIT_ACROSS_PAGES': 'đoạn văn nay nằm trên hai trang',
  'orphan.reason.OFF_PAGE': 'sẽ nằm ngoài trang',
  'orphan.reason.NO_TEXT_NEARBY': 'không có chữ gần đó để định vị',
  'orphan.reason.PAGE_NOT_FOUND': 'không còn trang đó',
};
