// The room wall's words (wall.ts) in the app's language on this browser: the language the app was last switched to
// (localStorage `plenum.locale`, as i18n.svelte.ts keeps it), else the browser's. The wall is opened from the chair
// console in the same browser, so it speaks the console's language.
export interface WallWords {
  lang: 'vi' | 'en'; hall: string; give: string; speaking: string; hand: string; lost: string; offline: string;
  hands: string; page: string; prev: string; next: string; connected: string; noVideo: string; videoLost: string;
  notAllowed: string; ended: string; failed: string;
}

const vi: WallWords = {
  lang: 'vi',
  hall: 'Hội trường',
  give: 'Mời phát biểu',
  speaking: 'Đang phát biểu',
  hand: 'Xin phát biểu',
  lost: 'Mất kết nối',
  offline: 'Chưa kết nối',
  hands: 'Điểm cầu xin phát biểu: {n}',
  page: 'Trang {n}/{of}',
  prev: 'Trang trước',
  next: 'Trang sau',
  connected: 'Đã kết nối · {live}/{rooms} điểm cầu có hình',
  noVideo: 'Không có hình (máy chủ video chưa sẵn sàng)',
  videoLost: 'Mất hình, cuộc họp vẫn tiếp tục',
  notAllowed: 'Chỉ chủ tọa và thư ký xem được màn hình các điểm cầu',
  ended: 'Chưa đăng nhập',
  failed: 'Không mời được điểm cầu phát biểu',
};

const en: WallWords = {
  lang: 'en',
  hall: 'Main hall',
  give: 'Give the floor',
  speaking: 'Speaking',
  hand: 'Hand raised',
  lost: 'Connection lost',
  offline: 'Not connected',
  hands: 'Rooms asking to speak: {n}',
  page: 'Page {n}/{of}',
  prev: 'Previous page',
  next: 'Next page',
  connected: 'Connected · {live}/{rooms} rooms on video',
  noVideo: 'No video (the video server is not ready)',
  videoLost: 'Video lost, the meeting goes on',
  notAllowed: 'Only the chair and the secretary see the room wall',
  ended: 'Not signed in',
  failed: 'The room could not be given the floor',
};

export function wallWords(): WallWords {
  const saved = localStorage.getItem('plenum.locale');
  if (saved === 'vi' || saved === 'en') return saved === 'vi' ? vi : en;
  return navigator.language?.toLowerCase().startsWith('en') ? en : vi;
}
