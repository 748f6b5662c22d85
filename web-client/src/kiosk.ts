// Room kiosk (docs/protocol.md §13): signs in as a remote room from the URL fragment — the room's KIOSK link
// `kiosk.html#token=<secret>` (exchanged at POST /api/auth/kiosk, RM8; the meeting comes with the answer) or, for
// the demo, `#user=…&password=…&meeting=…` — opens the meeting socket,
// publishes the room's camera (1280x720, three simulcast layers h/m/l, MV16), shows the current speaker large and the chair small, raises the hand
// (speaker.request), mutes the microphone locally, and reconnects by itself (new ticket, resume, publish and
// subscribe again); `media.status` with `rejoin` (the bridge came back) republishes and resubscribes.
import * as diag from './kiosk-diag';

interface Frame { type: string; requestId?: string; data?: any; [k: string]: any }

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const params = new URLSearchParams(location.hash.slice(1));
const kioskSecret = params.get('token') ?? '';
const user = params.get('user') ?? '';
const password = params.get('password') ?? '';
let meeting = params.get('meeting') ?? '';
const diagnostics = params.get('diag') === '1';

let token = '';
let ws: WebSocket | null = null;
let counter = 0;
const pending = new Map<string, { ok: (f: Frame) => void; fail: (e: Error) => void }>();
let camera: MediaStream | null = null;
let publisher: RTCPeerConnection | null = null;
let myFeed: string | null = null;
const watching: Record<'speaker' | 'chair', { feed: string | null; pc: RTCPeerConnection | null }> = {
  speaker: { feed: null, pc: null }, chair: { feed: null, pc: null },
};
let retryMs = 1000;
/** MV16: the layers of the camera, highest first (the order Janus expects for h/m/l). */
const SIMULCAST: RTCRtpEncodingParameters[] = [
  { rid: 'h', maxBitrate: 1_500_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 100_000, maxFramerate: 8 },
];

function show(text: string): void {
  $('#state').textContent = text;
}

async function api<T>(path: string, body: unknown): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${json.code}: ${json.message}`);
  return json as T;
}

function command(type: string, fields: Record<string, unknown> = {}): Promise<Frame> {
  const requestId = `k${++counter}`;
  return new Promise((ok, fail) => {
    if (!ws || ws.readyState !== WebSocket.OPEN) { fail(new Error('not connected')); return; }
    pending.set(requestId, { ok, fail });
    ws.send(JSON.stringify({ ...fields, type, requestId }));
    setTimeout(() => { if (pending.delete(requestId)) fail(new Error(`${type}: no answer`)); }, 20000);
  });
}

async function connect(): Promise<void> {
  show('Đang kết nối… / Connecting…');
  token = '';
  if (kioskSecret) {
    // exchanged again on every (re)connect: the room's access token is short-lived and has no refresh token
    const room = await api<{ accessToken: string; meetingId: string }>('/api/auth/kiosk', { token: kioskSecret });
    token = room.accessToken;
    meeting = room.meetingId;
  } else {
    token = (await api<{ accessToken: string }>('/api/auth/login', { username: user, password })).accessToken;
  }
  if (!meeting) {
    const res = await fetch('/api/meetings', { headers: { Authorization: `Bearer ${token}` } });
    meeting = (await res.json()).meetings[0].id;
  }
  const ticket = (await api<{ ticket: string }>(`/api/meetings/${meeting}/ws-ticket`, null)).ticket;
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/meetings/${meeting}?ticket=${ticket}`);
  ws = socket;
  socket.onmessage = (m) => onFrame(JSON.parse(m.data));
  socket.onclose = () => {
    if (ws !== socket) return;
    ws = null;
    pending.forEach((p) => p.fail(new Error('socket closed')));
    pending.clear();
    show('Mất kết nối, đang thử lại… / Reconnecting…');
    setTimeout(() => start(), retryMs);
  };
  await new Promise<void>((ok) => socket.addEventListener('open', () => ok(), { once: true }));
  await command('session.resume', { lastSeq: null });
  retryMs = 1000;
  await joinMedia();
}

async function joinMedia(): Promise<void> {
  const state = await command('media.state');
  if (!state.available) { show('Không có hình / Video unavailable'); return; }
  await publish();
  await follow(state.speakerFeedId ?? null, state.chairFeedId ?? null);
  show('Đã kết nối / Connected');
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

/** MV8: subscribe again when the feed to watch changed. */
async function follow(speakerFeed: string | null, chairFeed: string | null): Promise<void> {
  if (speakerFeed !== watching.speaker.feed && speakerFeed !== myFeed) await subscribe('speaker', speakerFeed);
  if (chairFeed !== watching.chair.feed && chairFeed !== myFeed) await subscribe('chair', chairFeed);
}

async function subscribe(slot: 'speaker' | 'chair', feed: string | null): Promise<void> {
  const w = watching[slot];
  w.pc?.close();
  w.pc = null;
  w.feed = feed;
  if (!feed) return;
  const ack = await command('media.subscribe', { feed: slot });
  const pc = new RTCPeerConnection();
  w.pc = pc;
  w.feed = ack.feedId;
  pc.ontrack = (e) => {
    if (e.track.kind !== 'video') return;
    $<HTMLVideoElement>(`#${slot}`).srcObject = new MediaStream([e.track]);
    if (slot === 'speaker' && diagnostics) diag.watch(e.track);
  };
  pc.onicecandidate = (e) => { if (e.candidate) sendCandidate(ack.subscriptionId, e.candidate); };
  await pc.setRemoteDescription({ type: 'offer', sdp: ack.sdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await command('media.answer', { subscriptionId: ack.subscriptionId, sdp: pc.localDescription!.sdp });
}

function onFrame(f: Frame): void {
  if (f.requestId && (f.type === 'ack' || f.type === 'error' || f.type === 'pong')) {
    const p = pending.get(f.requestId);
    pending.delete(f.requestId);
    if (f.type === 'error') p?.fail(new Error(`${f.code}: ${f.message}`)); else p?.ok(f);
    return;
  }
  if (f.type === 'speaker.granted') $('#speaker-name').textContent = f.data.entry.displayName;
  if (f.type === 'speaker.ended' && !f.data.queue?.current) $('#speaker-name').textContent = '—';
  if (f.type === 'media.floor') follow(f.data.speakerFeedId, f.data.chairFeedId).catch((e) => show(String(e)));
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

function start(): void {
  connect().catch((e) => {
    if (kioskSecret && String(e).includes('NOT_AUTHENTICATED')) {
      show('Liên kết của điểm cầu không còn hiệu lực / This room link is no longer valid');
      return;
    }
    show(`${e}`);
    retryMs = Math.min(retryMs * 2, 15000);
    if (!ws) setTimeout(start, retryMs);
  });
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
  setInterval(() => { if (ws?.readyState === WebSocket.OPEN) command('presence.update', { device: diag.summary(diag.counts, `kiosk w=${camera?.getVideoTracks()[0]?.getSettings().width ?? 0}`) }).catch(() => undefined); }, 1000);
}
(window as any).plenumKiosk = { counts: diag.counts, watching };
start();
