// The start of the full-screen room pages (kiosk.html, wall.html): find the meeting, open the shared meeting socket
// (socket.ts) that joins the media after every resume, and say in the footer what the connection does. A page that
// cannot find its meeting tries again in 5 s; a refused sign-in or link stops with endedText.
import { SessionEnded, type TokenSource } from './auth';
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
    page.show(`${e}`);
    setTimeout(() => startRoomSocket(page, opened), 5000);
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
