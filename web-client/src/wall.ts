// The chair's room wall (docs/protocol.md MV15, AD2): signs in only with the app's session on this browser (the
// chair's or the secretary's; `#meeting=…` optional), never a password in the URL — without a session it says what
// to do and asks the server nothing. Opens the shared meeting socket (lib/socket.ts) and, every few seconds, asks `media.state`, whose ack carries every live feed for the
// chair and the secretary. Shows the current speaker large (MV8: follows `media.floor`) and the feeds of the current
// page as small thumbnails, subscribing by feed id to the visible ones only and leaving (`media.leave`) those that
// leave the page or the meeting. Thumbnails ask for the lowest simulcast layer (`quality: "thumbnail"`, MV16) and are
// scaled down by CSS; the speaker stays full; the page size bounds how many the wall receives. Reconnects by itself like the kiosk. With `diag=1` it decodes the room agents' identity
// pattern in the thumbnails and reports the counts as its presence `device` ("wall f=… c=2:40,3:38").
import * as diag from './kiosk-diag';
import { StoredSession, type TokenSource } from './lib/auth';
import { apiJson } from './lib/http';
import type { MeetingSocket, Frame } from './lib/socket';
import { showHowTo, startRoomSocket } from './lib/room-socket';

interface Feed { feedId: string; accountId: string; displayName: string; chair: boolean; speaker: boolean }
interface Tile { feed: Feed; subscriptionId: string | null; pc: RTCPeerConnection | null; el: HTMLElement; alive: boolean }

const PAGE_SIZE = 12;
const REFRESH_MS = 3000;

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const params = new URLSearchParams(location.hash.slice(1));
const diagnostics = params.get('diag') === '1';
const counts: diag.Counts = { frames: 0, codes: {} };
// the chair's or secretary's own session of the app on this browser
const session = new StoredSession();
const auth: TokenSource | null = session.signedIn ? session : null;

let socket: MeetingSocket | null = null;
let page = 0;
let feeds: Feed[] = [];
const tiles = new Map<string, Tile>();
const speaker: { feed: string | null; pc: RTCPeerConnection | null } = { feed: null, pc: null };
let refreshing = false;

function show(text: string): void {
  $('#state').textContent = text;
}

function command(type: string, fields: Record<string, unknown> = {}): Promise<Frame> {
  return socket ? socket.command(type, fields) : Promise.reject(new Error('not connected'));
}

/** One shared meeting socket (lib/socket.ts); the wall asks media.state again after every resume. */
function start(): void {
  startRoomSocket({
    prefix: 'w', auth: auth!, show, onFrame, onDown: () => dropAll(),
    meeting: async () => {
      const given = params.get('meeting');
      if (given) return given;
      const first = (await apiJson<{ meetings: { id: string }[] }>(auth!, '/api/meetings')).meetings[0];
      if (!first) throw new Error('no meeting');
      return first.id;
    },
    endedText: 'Chưa đăng nhập / Not signed in',
    onLive: () => { refresh().catch((e) => show(String(e))); },
  }, (s) => { socket = s; });
}

/** MV15: the live feeds; subscribe to the visible page, leave the rest. */
async function refresh(): Promise<void> {
  if (refreshing || !socket?.live) return;
  refreshing = true;
  try {
    const state = await command('media.state');
    if (!state.available) { dropAll(); show('Không có hình / Video unavailable'); return; }
    if (!Array.isArray(state.feeds)) {
      dropAll();
      show('Chỉ chủ tọa và thư ký xem được / Only the chair and the secretary see the room wall');
      return;
    }
    feeds = state.feeds as Feed[];
    const pages = Math.max(1, Math.ceil(feeds.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    $('#page').textContent = `${page + 1}/${pages}`;
    const visible = feeds.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const wanted = new Set(visible.map((f) => f.feedId));
    for (const [id, tile] of tiles) if (!wanted.has(id)) drop(tile);
    for (const f of visible) {
      const tile = tiles.get(f.feedId);
      if (tile) { tile.feed = f; tile.el.classList.toggle('speaker', f.speaker); } else await watch(f);
    }
    await follow(state.speakerFeedId ?? null);
    show(`Đã kết nối / Connected · ${feeds.length} điểm cầu / rooms`);
  } finally {
    refreshing = false;
  }
}

async function watch(feed: Feed): Promise<void> {
  const el = document.createElement('div');
  el.className = feed.speaker ? 'tile speaker' : 'tile';
  const video = document.createElement('video');
  video.autoplay = true; video.muted = true; video.playsInline = true;
  const label = document.createElement('div');
  label.className = 'label';
  label.textContent = feed.displayName;
  el.append(video, label);
  $('#wall').append(el);
  const tile: Tile = { feed, subscriptionId: null, pc: null, el, alive: true };
  tiles.set(feed.feedId, tile);
  try {
    const ack = await command('media.subscribe', { feed: feed.feedId, quality: 'thumbnail' });
    tile.subscriptionId = ack.subscriptionId;
    if (!tile.alive) { leave(ack.subscriptionId); return; }
    const pc = new RTCPeerConnection();
    tile.pc = pc;
    pc.ontrack = (e) => {
      if (e.track.kind !== 'video') return;
      video.srcObject = new MediaStream([e.track]);
      if (diagnostics) diag.decode(e.track, counts, () => tile.alive);
    };
    pc.onicecandidate = (e) => { if (e.candidate) sendCandidate(ack.subscriptionId, e.candidate); };
    await pc.setRemoteDescription({ type: 'offer', sdp: ack.sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await command('media.answer', { subscriptionId: ack.subscriptionId, sdp: pc.localDescription!.sdp });
  } catch (e) {
    drop(tile); // the feed went away in between: the next refresh tries again if it is back
  }
}

function drop(tile: Tile): void {
  tile.alive = false;
  tile.pc?.close();
  tile.el.remove();
  tiles.delete(tile.feed.feedId);
  if (tile.subscriptionId) leave(tile.subscriptionId);
}

function leave(subscriptionId: string): void {
  if (socket?.live) command('media.leave', { subscriptionId }).catch(() => undefined);
}

/** Forgets every subscription without telling the server (socket gone or bridge lost: they are gone there too). */
function dropAll(): void {
  for (const tile of tiles.values()) { tile.subscriptionId = null; drop(tile); }
  speaker.pc?.close();
  speaker.pc = null;
  speaker.feed = null;
}

/** MV8: the speaker large; subscribe again when the floor moved. */
async function follow(feed: string | null): Promise<void> {
  if (feed === speaker.feed) return;
  speaker.pc?.close();
  speaker.pc = null;
  speaker.feed = feed;
  if (!feed) { $<HTMLVideoElement>('#speaker').srcObject = null; return; }
  const ack = await command('media.subscribe', { feed: 'speaker' });
  const pc = new RTCPeerConnection();
  speaker.pc = pc;
  speaker.feed = ack.feedId;
  pc.ontrack = (e) => { if (e.track.kind === 'video') $<HTMLVideoElement>('#speaker').srcObject = new MediaStream([e.track]); };
  pc.onicecandidate = (e) => { if (e.candidate) sendCandidate(ack.subscriptionId, e.candidate); };
  await pc.setRemoteDescription({ type: 'offer', sdp: ack.sdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await command('media.answer', { subscriptionId: ack.subscriptionId, sdp: pc.localDescription!.sdp });
}

/** Diagnostics: the widest thumbnail and the speaker as decoded ("t=320 s=1280"), to see the layers (MV16). */
function widths(): string {
  let t = 0;
  for (const tile of tiles.values()) t = Math.max(t, tile.el.querySelector('video')?.videoWidth ?? 0);
  return `t=${t} s=${$<HTMLVideoElement>('#speaker').videoWidth}`;
}

function sendCandidate(subscriptionId: string, c: RTCIceCandidate): void {
  command('media.candidate', { subscriptionId, candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex })
    .catch(() => undefined);
}

function onFrame(f: Frame): void {
  if (f.type === 'speaker.granted') $('#speaker-name').textContent = f.data.entry.displayName;
  if (f.type === 'speaker.ended' && !f.data.queue?.current) $('#speaker-name').textContent = '—';
  if (f.type === 'media.floor') refresh().catch((e) => show(String(e)));
  if (f.type === 'media.status') {
    dropAll();
    if (f.data.rejoin) refresh().catch((e) => show(String(e)));
    else show('Mất hình, cuộc họp vẫn tiếp tục / Video lost, the meeting goes on');
  }
}

function turn(delta: number): void {
  const pages = Math.max(1, Math.ceil(feeds.length / PAGE_SIZE));
  page = (page + delta + pages) % pages;
  refresh().catch((e) => show(String(e)));
}

$('#prev').addEventListener('click', () => turn(-1));
$('#next').addEventListener('click', () => turn(1));
setInterval(() => refresh().catch(() => undefined), REFRESH_MS);
if (diagnostics) {
  setInterval(() => {
    if (socket?.live) command('presence.update', { device: diag.summary(counts, `wall ${widths()}`) }).catch(() => undefined);
  }, 1000);
}
(window as any).plenumWall = { counts, tiles };
if (auth) start(); else showHowTo();
