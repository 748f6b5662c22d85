// The start of the full-screen room pages (kiosk.html, wall.html): find the meeting, open the shared meeting socket
// (socket.ts) that joins the media after every resume, and say in the footer what the connection does. A page that
// cannot reach the server tries again in 5 s; a refused sign-in or link, or a meeting that is not there, stops with
// a sentence (no retry loop). A page opened without any way to sign in shows what to do instead (howTo).
import { ApiError, SessionEnded, type TokenSource } from './auth';
import { MeetingSocket, type Frame } from './socket';

export interface RoomPage {
  prefix: string;
  auth: TokenSource;
  meeting: () => Promise<string>;
  show: (text: string) => void;
  endedText: string;
  onFrame: (f: Frame) => void;
  onLive: () => void;
  onDown?: () => void;
}

export async function startRoomSocket(page: RoomPage, opened: (socket: MeetingSocket) => void): Promise<void> {
  page.show('Đang kết nối… / Connecting…');
  let meeting: string;
  try {
    meeting = await page.meeting();
  } catch (e) {
    if (e instanceof SessionEnded) { page.show(page.endedText); return; }
    if (e instanceof ApiError && (e.status === 0 || e.status >= 500)) {
      page.show('Không kết nối được máy chủ, đang thử lại… / The server cannot be reached, trying again…');
      setTimeout(() => startRoomSocket(page, opened), 5000);
      return;
    }
    page.show('Không tìm thấy cuộc họp của điểm cầu này / No meeting found for this screen');
    return;
  }
  const socket = new MeetingSocket({
    meetingId: meeting,
    auth: page.auth,
    prefix: page.prefix,
    resumeFrom: () => null, // a room page keeps no meeting state: a snapshot each time
    onFrame: page.onFrame,
    onDown: page.onDown,
    onState: (state, d) => {
      if (state === 'reconnecting' || state === 'offline') page.show('Mất kết nối, đang thử lại… / Reconnecting…');
      if (state === 'ended') page.show(page.endedText + (d.error ? ` (${d.error})` : ''));
    },
    onLive: page.onLive,
  });
  opened(socket);
  socket.start();
}

/**
 * No kiosk link and no session on this browser: the page says what to do, once, and asks the server nothing (the
 * {@code #howto} section of kiosk.html / wall.html; the room's stage and footer are hidden).
 */
export function showHowTo(): void {
  document.body.classList.add('howto');
  document.querySelector<HTMLElement>('#howto')!.hidden = false;
}
