// The chair's room wall (docs/protocol.md MV15, MV28, AD2): signs in only with the app's session on this browser (the
// chair's or the secretary's; `#meeting=…` optional), never a password in the URL — without a session it says what
// to do and asks the server nothing. Opens the shared meeting socket (lib/socket.ts) and, every few seconds, asks
// `media.state`, whose ack carries every live feed for the chair and the secretary. One tile per remote room of the
// meeting (GET …/rooms) and per other live feed (the hall first), 12 a page: a room that publishes shows its
// thumbnail (lowest simulcast layer, MV16; subscribed by feed id on the visible page only, `media.leave` when it
// leaves the page or the meeting); a raised hand (a waiting speaker entry of the room) and a lost connection (seen
// live here, now neither a feed nor a socket) are marked in words; "Give the floor" grants the room the floor in one
// click (its waiting request, or `speaker.add` then `speaker.grant`). The speaker large (MV8), and the hall feed
// there while a person in the hall has the floor (MV19). Words in the app's language on this browser. Reconnects by
// itself like the kiosk. With `diag=1` it decodes the room agents' identity pattern in the thumbnails and reports the
// counts as its presence `device` ("wall f=… c=2:40,3:38").
import * as diag from './kiosk-diag';
import { StoredSession, type TokenSource } from './lib/auth';
import { apiJson } from './lib/http';
import type { MeetingSocket, Frame } from './lib/socket';
import { showHowTo, startRoomSocket } from './lib/room-socket';
import { wallWords } from './wall-words';

interface Feed { feedId: string; accountId: string; displayName: string; chair: boolean; speaker: boolean }
interface Room { roomId: string; code: string; name: string }
interface Entry { id: string; accountId: string; displayName: string }
type TileState = 'live' | 'lost' | 'offline';
/** One tile: a room (feed or not) or another live feed; keyed by account id. */
interface Tile {
  key: string; name: string; room: boolean; feed: Feed | null;
  subscriptionId: string | null; pc: RTCPeerConnection | null; el: HTMLElement; alive: boolean;
}

const PAGE_SIZE = 12;
const REFRESH_MS = 3000;

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const params = new URLSearchParams(location.hash.slice(1));
const diagnostics = params.get('diag') === '1';
const counts: diag.Counts = { frames: 0, codes: {} };
const w = wallWords();
// the chair's or secretary's own session of the app on this browser
const session = new StoredSession();
const auth: TokenSource | null = session.signedIn ? session : null;

let socket: MeetingSocket | null = null;
let meetingId = '';
let page = 0;
let rooms: Room[] = [];
let feeds: Feed[] = [];
let waiting: Entry[] = [];
let current: Entry | null = null;
/** Accounts with a socket in the meeting now (presence, PS2), by connection id. */
const connections = new Map<string, string>();
/** Accounts seen live (a feed or a socket) while this wall was open: gone again, they are "lost". */
const seen = new Set<string>();
const tiles = new Map<string, Tile>();
const speaker: { feed: string | null; pc: RTCPeerConnection | null; hall: boolean } = { feed: null, pc: null, hall: false };
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
      meetingId = given ?? (await apiJson<{ meetings: { id: string }[] }>(auth!, '/api/meetings')).meetings[0]?.id ?? '';
      if (!meetingId) throw new Error('no meeting');
      await loadRooms();
      return meetingId;
    },
    endedText: w.ended,
    onLive: () => { refresh().catch((e) => show(String(e))); },
  }, (s) => { socket = s; });
}

async function loadRooms(): Promise<void> {
  rooms = (await apiJson<{ rooms: Room[] }>(auth!, `/api/meetings/${meetingId}/rooms`)).rooms
    .sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }));
}

function stateOf(key: string): TileState {
  if (feeds.some((f) => f.accountId === key) || [...connections.values()].includes(key)) return 'live';
  return seen.has(key) ? 'lost' : 'offline';
}

const handOf = (key: string) => waiting.some((e) => e.accountId === key);

/**
 * Every tile in order: the hall (the chair's feed) and other feeds that are not rooms, then rooms with a raised hand,
 * rooms on video, rooms whose connection was lost, and the rest, each group by code.
 */
function order(): { key: string; name: string; room: boolean }[] {
  const roomIds = new Set(rooms.map((r) => r.roomId));
  const others = feeds.filter((f) => !roomIds.has(f.accountId))
    .map((f) => ({ key: f.accountId, name: f.chair ? w.hall : f.displayName, room: false }));
  const rank = (r: Room) => handOf(r.roomId) ? 0 : { live: 1, lost: 2, offline: 3 }[stateOf(r.roomId)];
  const sorted = rooms.map((r, i) => ({ r, i, k: rank(r) })).sort((a, b) => a.k - b.k || a.i - b.i)
    .map(({ r }) => ({ key: r.roomId, name: r.name, room: true }));
  return [...others, ...sorted];
}

/** MV15: the live feeds; subscribe to the visible page, leave the rest; draw the marks. */
async function refresh(): Promise<void> {
  if (refreshing || !socket?.live) return;
  refreshing = true;
  try {
    const state = await command('media.state');
    if (state.available && !Array.isArray(state.feeds)) {
      dropAll();
      show(w.notAllowed);
      return;
    }
    feeds = state.available ? state.feeds as Feed[] : [];
    for (const f of feeds) seen.add(f.accountId);
    render();
    if (state.available) {
      for (const tile of tiles.values()) {
        if (tile.feed && !tile.pc && !tile.subscriptionId) await watch(tile);
      }
      await follow(state.speakerFeedId ?? null, state.speakerAccountId ?? null, state.chairFeedId ?? null);
      show(w.connected.replace('{live}', String(feeds.filter((f) => !f.chair).length)).replace('{rooms}', String(rooms.length)));
    } else {
      speaker.pc?.close();
      speaker.pc = null;
      speaker.feed = null;
      show(w.noVideo);
    }
  } finally {
    refreshing = false;
  }
}

/** The visible page's tiles, made or updated; tiles that left the page (or lost their feed) dropped. */
function render(): void {
  const all = order();
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  page = Math.min(page, pages - 1);
  $('#page').textContent = w.page.replace('{n}', String(page + 1)).replace('{of}', String(pages));
  const visible = all.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const keys = new Set(visible.map((v) => v.key));
  for (const [key, tile] of tiles) {
    const feed = feeds.find((f) => f.accountId === key) ?? null;
    if (!keys.has(key) || (tile.feed && tile.feed.feedId !== feed?.feedId)) drop(tile);
  }
  const grid = $('#wall');
  visible.forEach((v, i) => {
    const feed = feeds.find((f) => f.accountId === v.key) ?? null;
    const tile = tiles.get(v.key) ?? make(v.key, v.name, v.room, feed);
    tile.feed = feed;
    if (grid.children[i] !== tile.el) grid.insertBefore(tile.el, grid.children[i] ?? null);
    mark(tile);
  });
  const hands = waiting.filter((e) => rooms.some((r) => r.roomId === e.accountId)).length;
  $('#hands').textContent = hands ? w.hands.replace('{n}', String(hands)) : '';
}

function make(key: string, name: string, room: boolean, feed: Feed | null): Tile {
  const el = document.createElement('div');
  el.className = 'tile';
  el.dataset.room = key;
  const video = document.createElement('video');
  video.autoplay = true; video.muted = true; video.playsInline = true;
  const label = document.createElement('div');
  label.className = 'label';
  label.textContent = name;
  const marks = document.createElement('div');
  marks.className = 'marks';
  const foot = document.createElement('div');
  foot.className = 'foot';
  foot.append(label);
  el.append(video, marks, foot);
  if (room) {
    const give = document.createElement('button');
    give.type = 'button';
    give.className = 'give';
    give.textContent = w.give;
    give.setAttribute('aria-label', `${w.give}: ${name}`);
    give.addEventListener('click', () => { giveFloor(key, give).catch((e) => show(String(e))); });
    foot.append(give);
  }
  const tile: Tile = { key, name, room, feed, subscriptionId: null, pc: null, el, alive: true };
  tiles.set(key, tile);
  return tile;
}

/** The tile's marks in words: speaking, hand raised, connection lost, not connected. */
function mark(tile: Tile): void {
  const state = tile.room ? stateOf(tile.key) : 'live';
  const speaking = current?.accountId === tile.key;
  const hand = handOf(tile.key);
  tile.el.dataset.state = state;
  tile.el.dataset.hand = String(hand);
  tile.el.classList.toggle('speaker', speaking);
  const words: [string, string][] = [];
  if (speaking) words.push(['speaking', w.speaking]);
  if (hand) words.push(['hand', w.hand]);
  if (state === 'lost') words.push(['lost', w.lost]);
  if (state === 'offline') words.push(['offline', w.offline]);
  const marks = tile.el.querySelector<HTMLElement>('.marks')!;
  const text = words.map(([k, t]) => `<span class="mark ${k}">${t}</span>`).join('');
  if (marks.innerHTML !== text) marks.innerHTML = text;
  const give = tile.el.querySelector<HTMLButtonElement>('button.give');
  if (give) give.hidden = speaking;
}

/** One click: the room's waiting request is granted, or the room is added to the list and granted at once. */
async function giveFloor(roomId: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    let entry = waiting.find((e) => e.accountId === roomId);
    if (!entry) {
      await command('speaker.add', { accountId: roomId });
      for (let i = 0; i < 50 && !entry; i++) {
        await new Promise((r) => setTimeout(r, 100));
        entry = waiting.find((e) => e.accountId === roomId);
      }
      if (!entry) throw new Error(w.failed);
    }
    await command('speaker.grant', { entryId: entry.id });
  } finally {
    button.disabled = false;
  }
}

async function watch(tile: Tile): Promise<void> {
  const feed = tile.feed!;
  const video = tile.el.querySelector('video')!;
  tile.subscriptionId = 'pending';
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
  tiles.delete(tile.key);
  if (tile.subscriptionId && tile.subscriptionId !== 'pending') leave(tile.subscriptionId);
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
  speaker.hall = false;
}

/**
 * MV8: the speaker large; subscribe again when the floor moved. MV19: a speaker without video (a person in the hall)
 * while the hall feed is live: the hall feed large.
 */
async function follow(feed: string | null, account: string | null, chairFeed: string | null): Promise<void> {
  const hall = account !== null && feed === null && chairFeed !== null;
  const want = hall ? chairFeed : feed;
  $('#speaker-box').dataset.source = hall ? 'hall' : feed ? 'feed' : 'none';
  if (want === speaker.feed && hall === speaker.hall) return;
  speaker.pc?.close();
  speaker.pc = null;
  speaker.feed = want;
  speaker.hall = hall;
  if (!want) { $<HTMLVideoElement>('#speaker').srcObject = null; return; }
  const ack = await command('media.subscribe', { feed: hall ? 'chair' : 'speaker' });
  const pc = new RTCPeerConnection();
  speaker.pc = pc;
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

interface Presence { connectionId: string; accountId: string }

function queue(q: { current?: Entry | null; waiting?: Entry[] } | undefined): void {
  if (!q) return;
  current = q.current ?? null;
  waiting = q.waiting ?? [];
  $('#speaker-name').textContent = current?.displayName ?? '—';
}

function onFrame(f: Frame): void {
  if (f.type === 'snapshot') queue(f.data.speakers);
  if (f.type.startsWith('speaker.')) queue(f.data.queue);
  if (f.type === 'rooms.imported') loadRooms().then(render).catch(() => undefined);
  if (f.type === 'presence.snapshot') {
    connections.clear();
    for (const c of (f as unknown as { connections: Presence[] }).connections) connections.set(c.connectionId, c.accountId);
  }
  if (f.type === 'presence.changed') {
    const p = f as unknown as { joined?: Presence[]; left?: string[] };
    for (const c of p.joined ?? []) connections.set(c.connectionId, c.accountId);
    for (const id of p.left ?? []) connections.delete(id);
  }
  for (const key of connections.values()) seen.add(key);
  if (f.type === 'media.floor') { refresh().catch((e) => show(String(e))); return; }
  if (f.type === 'media.status') {
    dropAll();
    if (f.data.rejoin) refresh().catch((e) => show(String(e)));
    else show(w.videoLost);
    return;
  }
  if (f.type.startsWith('speaker.') || f.type.startsWith('presence.') || f.type === 'snapshot') render();
}

function turn(delta: number): void {
  const pages = Math.max(1, Math.ceil(order().length / PAGE_SIZE));
  page = (page + delta + pages) % pages;
  refresh().catch((e) => show(String(e)));
}

document.documentElement.lang = w.lang;
$('#prev').setAttribute('aria-label', w.prev);
$('#next').setAttribute('aria-label', w.next);
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
