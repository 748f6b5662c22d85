// Room kiosk (docs/protocol.md §13, AD1): signs in only with the room's KIOSK link `kiosk.html#token=<secret>`
// (exchanged at POST /api/auth/kiosk, RM8; the meeting comes with the answer) or with the session of the tablet
// app on this browser (`#meeting=…` optional) — never a password in the URL; without either it shows what to do and
// asks the server nothing. Then it opens the shared meeting socket (lib/socket.ts),
// publishes the room's camera (1280x720, three simulcast layers h/m/l, MV16), shows the current speaker large and the
// hall feed (the chair's camera, MV18) small — and large too while a person in the hall has the floor (MV19) —, raises the hand
// (speaker.request), mutes the microphone locally, and reconnects by itself (new ticket, resume, publish and
// subscribe again); `media.status` with `rejoin` (the bridge came back) republishes and resubscribes. The speaker tile
// subscribes once with `follow: true` (MV29): the server switches that subscription with the floor, the kiosk keeps
// its peer connection and subscribes again only when told `media.resubscribe` (MV31) or after a (re)join.
import * as diag from './kiosk-diag';
import { KioskLink, StoredSession, type TokenSource } from './lib/auth';
import { apiJson } from './lib/http';
import type { MeetingSocket, Frame } from './lib/socket';
import { showHowTo, startRoomSocket } from './lib/room-socket';

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const params = new URLSearchParams(location.hash.slice(1));
const kioskSecret = params.get('token') ?? '';
const diagnostics = params.get('diag') === '1';
const session = new StoredSession();
const auth: TokenSource | null = kioskSecret ? new KioskLink(kioskSecret) : session.signedIn ? session : null;

let socket: MeetingSocket | null = null;
let camera: MediaStream | null = null;
let publisher: RTCPeerConnection | null = null;
let myFeed: string | null = null;
const watching: Record<'speaker' | 'chair', { feed: string | null; pc: RTCPeerConnection | null; sub: string | null }> = {
  speaker: { feed: null, pc: null, sub: null }, chair: { feed: null, pc: null, sub: null },
};
/** MV18: the hall feed as received in the chair tile; MV19: shown in the speaker tile too while the hall has the floor. */
let hallStream: MediaStream | null = null;
let hallOnSpeaker = false;
/** MV16: the layers of the camera, highest first (the order Janus expects for h/m/l). */
const SIMULCAST: RTCRtpEncodingParameters[] = [
  { rid: 'h', maxBitrate: 1_500_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 100_000, maxFramerate: 8 },
];

function show(text: string): void {
  $('#state').textContent = text;
}

function command(type: string, fields: Record<string, unknown> = {}): Promise<Frame> {
  return socket ? socket.command(type, fields) : Promise.reject(new Error('not connected'));
}

/** The room's meeting: from the kiosk link's exchange (RM8), the link, or the room's first meeting. */
async function meetingId(): Promise<string> {
  const given = params.get('meeting');
  if (given) return given;
  await auth!.accessToken();
  if (auth instanceof KioskLink && auth.meetingId) return auth.meetingId;
  const first = (await apiJson<{ meetings: { id: string }[] }>(auth!, '/api/meetings')).meetings[0];
  if (!first) throw new Error('no meeting');
  return first.id;
}

/** One shared meeting socket (lib/socket.ts): ticket, resume, backoff; media joined again after every resume. */
function start(): void {
  startRoomSocket({
    prefix: 'k', auth: auth!, meeting: meetingId, show, onFrame,
    endedText: 'Liên kết của điểm cầu không còn hiệu lực / This room link is no longer valid',
    onLive: () => { joinMedia().catch((e) => show(String(e))); },
  }, (s) => { socket = s; });
}

async function joinMedia(): Promise<void> {
  dropSpeaker();   // a new socket (or a bridge that came back) has no subscription of ours: subscribe again
  const state = await command('media.state');
  if (!state.available) { show('Không có hình / Video unavailable'); return; }
  await publish();
  await refollow();
  show('Đã kết nối / Connected');
}

/**
 * MV8: watch what the room has now. Runs one at a time and asks for the state afresh each time, so a `media.floor`
 * that arrives while the kiosk is still publishing is not undone by the older state the join started from.
 */
let following: Promise<void> = Promise.resolve();
function refollow(): Promise<void> {
  following = following.catch(() => undefined).then(async () => {
    const now = await command('media.state');
    if (now.available) await follow(now.speakerFeedId ?? null, now.chairFeedId ?? null, now.speakerAccountId ?? null);
  });
  return following;
}

async function publish(): Promise<void> {
  publisher?.close();
  // 1280x720: browsers send three simulcast layers only from about 960x540 up
  camera ??= await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: true });
  $<HTMLVideoElement>('#self').srcObject = camera;
  const pc = new RTCPeerConnection();
  publisher = pc;
  camera.getAudioTracks().forEach((t) => pc.addTrack(t, camera!));
  // MV16: simulcast, full (h), half (m) and a quarter-size, low-rate layer (l) that the room wall's thumbnails get
  camera.getVideoTracks().forEach((t) => pc.addTransceiver(t, { direction: 'sendonly', streams: [camera!], sendEncodings: SIMULCAST }));
  const early: RTCIceCandidate[] = [];
  let acked = false;
  pc.onicecandidate = (e) => {
    if (!e.candidate) return;
    if (acked) sendCandidate(null, e.candidate); else early.push(e.candidate);
  };
  await pc.setLocalDescription(await pc.createOffer());
  const ack = await command('media.publish', { sdp: pc.localDescription!.sdp });
  myFeed = ack.feedId;
  await pc.setRemoteDescription({ type: 'answer', sdp: ack.sdp });
  acked = true;
  early.forEach((c) => sendCandidate(null, c));
}

function sendCandidate(subscriptionId: string | null, c: RTCIceCandidate): void {
  const fields: Record<string, unknown> = { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex };
  if (subscriptionId) fields.subscriptionId = subscriptionId;
  command('media.candidate', fields).catch(() => undefined);
}

/** The speaker tile's following subscription is gone (MV31, a rejoin): the next follow() subscribes again. */
function dropSpeaker(): void {
  watching.speaker.pc?.close();
  watching.speaker.pc = null;
  watching.speaker.feed = null;
  watching.speaker.sub = null;
}

/**
 * MV29: the speaker tile subscribes once someone with video has the floor and then follows the floor on the server
 * (MV30: never this room's own feed; the hall feed while nobody with video has it). MV8 for the chair tile: subscribe
 * again when the hall feed changed. MV19: someone has the floor but publishes no video (a person in
 * the hall; a room always publishes its camera): the speaker tile shows the hall feed, the chair tile's own track.
 */
async function follow(speakerFeed: string | null, chairFeed: string | null, speakerAccount: string | null): Promise<void> {
  if (watching.speaker.pc) {
    const shown = speakerFeed !== null && speakerFeed !== myFeed ? speakerFeed : chairFeed !== myFeed ? chairFeed : null;
    if (shown !== null) watching.speaker.feed = shown;
  } else if (speakerFeed !== null && speakerFeed !== myFeed) {
    await subscribe('speaker', speakerFeed);
  }
  if (chairFeed !== watching.chair.feed && chairFeed !== myFeed) await subscribe('chair', chairFeed);
  hallOnSpeaker = speakerAccount !== null && speakerFeed === null && chairFeed !== null;
  showHallOnSpeaker();
}

/** MV19: the speaker tile shows the hall feed while the hall has the floor (the same track: nothing more to receive). */
function showHallOnSpeaker(): void {
  const tile = $<HTMLVideoElement>('#speaker');
  const track = hallStream?.getVideoTracks()[0];
  if (hallOnSpeaker && track) {
    if (tile.srcObject !== hallStream) {
      tile.srcObject = hallStream;
      if (diagnostics) diag.watch(track);
    }
  } else if (tile.srcObject && tile.srcObject === hallStream) {
    tile.srcObject = null;
  }
  diag.setSpeakerSource(hallOnSpeaker && track ? 'hall' : watching.speaker.pc ? 'feed' : 'none');
}

async function subscribe(slot: 'speaker' | 'chair', feed: string | null): Promise<void> {
  const w = watching[slot];
  w.pc?.close();
  w.pc = null;
  w.feed = feed;
  if (slot === 'chair') hallStream = null;
  if (!feed) return;
  const ack = await command('media.subscribe', slot === 'speaker' ? { feed: slot, follow: true } : { feed: slot });
  const pc = new RTCPeerConnection();
  w.pc = pc;
  w.feed = ack.feedId;
  w.sub = ack.subscriptionId;
  pc.ontrack = (e) => {
    if (e.track.kind !== 'video') return;
    const stream = new MediaStream([e.track]);
    $<HTMLVideoElement>(`#${slot}`).srcObject = stream;
    if (slot === 'speaker' && diagnostics) diag.watch(e.track);
    if (slot === 'chair') {
      hallStream = stream;
      if (diagnostics) diag.watchHall(e.track);
      showHallOnSpeaker();
    }
  };
  pc.onicecandidate = (e) => { if (e.candidate) sendCandidate(ack.subscriptionId, e.candidate); };
  await pc.setRemoteDescription({ type: 'offer', sdp: ack.sdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await command('media.answer', { subscriptionId: ack.subscriptionId, sdp: pc.localDescription!.sdp });
}

function onFrame(f: Frame): void {
  if (f.type === 'speaker.granted') $('#speaker-name').textContent = f.data.entry.displayName;
  if (f.type === 'speaker.ended' && !f.data.queue?.current) $('#speaker-name').textContent = '—';
  if (f.type === 'media.floor') refollow().catch((e) => show(String(e)));
  if (f.type === 'media.resubscribe' && f.data.subscriptionId === watching.speaker.sub) {
    dropSpeaker();
    refollow().catch((e) => show(String(e)));
  }
  if (f.type === 'media.status') {
    if (f.data.rejoin) {
      watching.speaker.feed = null;
      watching.chair.feed = null;
      joinMedia().catch((e) => show(String(e)));
    } else {
      show('Mất hình, cuộc họp vẫn tiếp tục / Video lost, the meeting goes on');
    }
  }
}

$('#hand').addEventListener('click', () => {
  command('speaker.request', { kind: 'SPEECH' }).then(() => $('#hand').classList.add('on')).catch((e) => show(String(e)));
});
$('#mute').addEventListener('click', () => {
  const track = camera?.getAudioTracks()[0];
  if (!track) return;
  track.enabled = !track.enabled;
  $('#mute').classList.toggle('on', !track.enabled);
});
if (diagnostics) {
  setInterval(() => { if (socket?.live) command('presence.update', { device: diag.kioskSummary(camera?.getVideoTracks()[0]?.getSettings().width ?? 0) }).catch(() => undefined); }, 1000);
}
// for tests and diagnostics: what the tiles watch, and whether the speaker tile shows the hall (MV19)
(window as any).plenumKiosk = { counts: diag.counts, watching, hall: () => ({ onSpeaker: hallOnSpeaker, received: hallStream !== null, myFeed }) };
if (auth) start(); else showHowTo();
