// Minimal live meeting console (placeholder until the web-client issue): signs in, lists meetings, opens the
// meeting WebSocket with a ticket, resumes from the last seq after every reconnect (docs/protocol.md §3) and shows
// the agenda, the list of speakers, presence and the event log.

import { castAcked, onEvent, onSnapshot, setMe, startVotes } from './votes';

interface TokenPair { accessToken: string; refreshToken: string; expiresIn: number }
interface MeetingSummary { id: string; title: string; status: string; role?: string | null }
interface ErrorBody { code: string; message: string }
interface AgendaItem { id: string; number: string; title: string; internal: boolean }
interface Entry { id: string; accountId: string; displayName: string; kind: string; startedAt?: string; timeLimitSeconds?: number }
interface Queue { current: Entry | null; waiting: Entry[] }
interface Frame { type: string; seq?: number; requestId?: string; data?: any; [k: string]: any }

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const form = $<HTMLFormElement>('#login');
const statusLine = $<HTMLParagraphElement>('#status');
const list = $<HTMLUListElement>('#meetings');

let token = '';
let me = '';
let ws: WebSocket | null = null;
let lastSeq = 0;
let meetingStatus = '';
let queue: Queue = { current: null, waiting: [] };
let requestCounter = 0;
const connections = new Map<string, any>();

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json');
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  const body = await res.json();
  if (!res.ok) throw new Error(`${(body as ErrorBody).code}: ${(body as ErrorBody).message}`);
  return body as T;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  statusLine.textContent = '…';
  try {
    const tokens = await api<TokenPair>('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: data.get('username'), password: data.get('password') }),
    });
    token = tokens.accessToken;
    const meetings = await api<{ meetings: MeetingSummary[] }>('/api/meetings');
    statusLine.textContent = `Đã đăng nhập / Signed in (${meetings.meetings.length})`;
    list.replaceChildren(...meetings.meetings.map((m) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.textContent = `${m.title} — ${m.status}${m.role ? ` (${m.role})` : ''}`;
      button.addEventListener('click', () => openMeeting(m));
      li.append(button);
      return li;
    }));
  } catch (err) {
    statusLine.textContent = (err as Error).message;
  }
});

const pendingCasts = new Map<string, string>(); // requestId -> pollId of a vote.cast waiting for its ack

function send(type: string, fields: Record<string, unknown> = {}) {
  const requestId = `r${++requestCounter}`;
  if (type === 'vote.cast') pendingCasts.set(requestId, fields.pollId as string);
  ws?.send(JSON.stringify({ type, requestId, ...fields }));
}

async function openMeeting(m: MeetingSummary) {
  form.hidden = true;
  list.hidden = true;
  statusLine.hidden = true;
  $('#live').hidden = false;
  $('#title').textContent = m.title;
  document.body.classList.toggle('runner', m.role === 'CHAIR' || m.role === 'SECRETARY' || m.role == null);
  $('#request').onclick = () => send('speaker.request', { kind: 'SPEECH' });
  $('#order').onclick = () => send('speaker.request', { kind: 'POINT_OF_ORDER' });
  $('#grant').onclick = () => queue.waiting[0] && send('speaker.grant', { entryId: queue.waiting[0].id });
  $('#end').onclick = () => send('speaker.end');
  startVotes(m.id, send, api);
  connect(m.id, 0);
}

async function connect(meetingId: string, attempt: number) {
  const conn = $('#conn');
  conn.textContent = attempt ? 'Đang kết nối lại / Reconnecting…' : 'Đang kết nối / Connecting…';
  try {
    const t = await api<{ url: string }>(`/api/meetings/${meetingId}/ws-ticket`, { method: 'POST' });
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${t.url}`;
    ws = new WebSocket(url);
  } catch (err) {
    setTimeout(() => connect(meetingId, attempt + 1), Math.min(10000, 500 * 2 ** attempt));
    return;
  }
  ws.onmessage = (msg) => onFrame(JSON.parse(msg.data) as Frame);
  ws.onopen = () => {
    conn.textContent = 'Trực tuyến / Online';
    // First connection: ask for a snapshot; afterwards only what was missed.
    send('session.resume', { lastSeq: lastSeq === 0 ? null : lastSeq });
  };
  ws.onclose = (e) => {
    conn.textContent = `Mất kết nối / Offline (${e.code})`;
    if (e.code !== 4001) setTimeout(() => connect(meetingId, attempt + 1), Math.min(10000, 500 * 2 ** attempt));
  };
}

function onFrame(f: Frame) {
  if (f.type === 'hello') { me = f.accountId; setMe(me); return; }
  if (f.type === 'snapshot') {
    lastSeq = f.seq!;
    renderAgenda(f.data.agenda.items, f.data.agenda.currentItemId);
    renderQueue(f.data.speakers);
    meetingStatus = f.data.meeting.status;
    renderMeta();
    onSnapshot(f.data);
    return;
  }
  if (f.type === 'presence.snapshot') {
    connections.clear();
    f.connections.forEach((c: any) => connections.set(c.connectionId, c));
    renderPresence();
    return;
  }
  if (f.type === 'presence.changed') {
    [...f.joined, ...f.updated].forEach((c: any) => connections.set(c.connectionId, c));
    f.left.forEach((id: string) => connections.delete(id));
    renderPresence();
    return;
  }
  if (f.type === 'error') { log(`⚠ ${f.code}: ${f.message}`); return; }
  if (f.type === 'ack' && f.requestId && pendingCasts.has(f.requestId)) {
    castAcked(pendingCasts.get(f.requestId)!, f.receipt);
    pendingCasts.delete(f.requestId);
  }
  if (f.seq === undefined || f.type === 'ack') return;
  lastSeq = f.seq;
  log(`#${f.seq} ${f.type}`);
  if (f.type === 'meeting.statusChanged') meetingStatus = f.data.status;
  renderMeta();
  if (f.type === 'agenda.changed') renderAgenda(f.data.items, f.data.currentItemId);
  if (f.type.startsWith('speaker.')) renderQueue(f.data.queue);
  onEvent(f.type, f.data);
}

function renderMeta() {
  $('#meta').textContent = `${meetingStatus} · seq ${lastSeq}`;
}

function log(text: string) {
  const li = document.createElement('li');
  li.textContent = text;
  $('#events').prepend(li);
}

function renderAgenda(items: AgendaItem[], current: string | null) {
  $('#agenda').replaceChildren(...items.map((i) => {
    const li = document.createElement('li');
    li.textContent = `${i.number}. ${i.title}`;
    if (i.id === current) li.className = 'current';
    if (i.internal) li.classList.add('internal');
    return li;
  }));
}

function renderQueue(q: Queue) {
  queue = q;
  $('#speaking').textContent = q.current ? `▶ ${q.current.displayName} (${q.current.kind})` : '—';
  $('#waiting').replaceChildren(...q.waiting.map((e) => {
    const li = document.createElement('li');
    li.textContent = `${e.displayName} (${e.kind})`;
    if (e.accountId === me) {
      const b = document.createElement('button');
      b.textContent = 'Rút / Withdraw';
      b.onclick = () => send('speaker.withdraw', { entryId: e.id });
      li.append(' ', b);
    }
    return li;
  }));
}

function renderPresence() {
  $('#presence-count').textContent = String(connections.size);
  $('#presence').replaceChildren(...[...connections.values()].map((c) => {
    const li = document.createElement('li');
    li.textContent = `${c.displayName} (${c.role ?? 'admin'})${c.device ? ` · ${c.device}` : ''}`;
    return li;
  }));
}
