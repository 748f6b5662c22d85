// Votes panel of the live console (docs/protocol.md §11): the quorum, each poll with its progress, vote buttons for
// members, create/open/close for the chair and the secretary, the receipt after a cast and its check after close.

interface Quorum { membersWeight: string; presentWeight: string; representedWeight: string; meeting: { required: string; reached: boolean } }
interface Poll {
  pollId: string; status: string; ballotsCast: number; eligible?: string; closesAt?: string;
  spec: { title: string; kind: string; secrecy: string; options: { id: string; label: string }[] };
  result?: { totals: Record<string, string>; outcome: { verdict: string; elected: string[] }; explanation: string };
}

type Send = (type: string, fields?: Record<string, unknown>) => void;
type Api = <T>(path: string, init?: RequestInit) => Promise<T>;

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const polls = new Map<string, Poll>();
const receipts = new Map<string, string>(); // pollId -> receipt of this tablet's ballot
let meeting = '';
let send: Send = () => {};
let api: Api = async () => { throw new Error('not signed in'); };

export function startVotes(meetingId: string, sender: Send, caller: Api) {
  meeting = meetingId;
  send = sender;
  api = caller;
  $('#checkin').onclick = () => send('attendance.set', { accountId: $('#checkin').dataset.me, status: 'PRESENT' });
  $('#poll-create').onclick = () => {
    const title = $<HTMLInputElement>('#poll-title').value.trim() || 'Biểu quyết / Vote';
    const secrecy = $<HTMLSelectElement>('#poll-secrecy').value;
    send('poll.create', { title, kind: 'YES_NO_ABSTAIN', secrecy });
  };
}

export function setMe(accountId: string) {
  $('#checkin').dataset.me = accountId;
}

/** A vote.cast or vote.paper ack: remember the receipt of the poll it was for. */
export function castAcked(pollId: string, receipt: string) {
  receipts.set(pollId, receipt);
  localStorage.setItem(`plenum.receipt.${pollId}`, receipt);
  render();
}

export function onSnapshot(data: any) {
  polls.clear();
  (data.polls ?? []).forEach((p: Poll) => polls.set(p.pollId, p));
  renderQuorum(data.quorum);
  render();
}

export function onEvent(type: string, data: any) {
  if (data?.quorum) renderQuorum(data.quorum);
  if (type.startsWith('poll.')) {
    polls.set(data.pollId, { ...polls.get(data.pollId), ...data });
  } else if (type === 'vote.recorded') {
    const p = polls.get(data.pollId);
    if (p) polls.set(data.pollId, { ...p, ballotsCast: data.ballotsCast, eligible: data.eligible });
  } else {
    return;
  }
  render();
}

function renderQuorum(q: Quorum | null | undefined) {
  if (!q) return;
  $('#quorum').textContent = `Có mặt / Present ${q.presentWeight} + ủy quyền / by proxy ${q.representedWeight} / ${q.membersWeight} — `
    + (q.meeting.reached ? 'đủ số / quorum reached' : `chưa đủ số / no quorum (cần / need ${q.meeting.required})`);
}

function key(pollId: string): string {
  const name = `plenum.key.${pollId}`;
  let k = localStorage.getItem(name);
  if (!k) {
    k = crypto.randomUUID();
    localStorage.setItem(name, k); // a retry after a lost ack sends the same key and gets the same receipt
  }
  return k;
}

function button(text: string, onClick: () => void, cls = ''): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = text;
  b.className = cls;
  b.onclick = onClick;
  return b;
}

function render() {
  $('#polls').replaceChildren(...[...polls.values()].map((p) => {
    const li = document.createElement('li');
    const head = document.createElement('div');
    head.textContent = `${p.spec.title} · ${p.spec.secrecy === 'SECRET' ? 'bỏ phiếu kín / secret' : 'công khai / named'} · ${p.status}`
      + ` · ${p.ballotsCast}${p.eligible ? ` / ${p.eligible}` : ''} phiếu / ballots`;
    li.append(head);
    const receipt = receipts.get(p.pollId) ?? localStorage.getItem(`plenum.receipt.${p.pollId}`);
    if (p.status === 'DRAFT') li.append(button('Mở / Open', () => send('poll.open', { pollId: p.pollId }), 'chair'));
    if (p.status === 'OPEN') {
      if (!receipt) {
        p.spec.options.forEach((o) => li.append(button(o.label, () =>
          send('vote.cast', { pollId: p.pollId, choice: [o.id], idempotencyKey: key(p.pollId) }))));
      }
      li.append(button('Kết thúc / Close', () => send('poll.close', { pollId: p.pollId }), 'chair'));
    }
    if (receipt) {
      const r = document.createElement('div');
      r.className = 'receipt';
      r.textContent = `Mã biên nhận / Receipt: ${receipt}`;
      li.append(r);
    }
    if (p.result) {
      const totals = p.spec.options.map((o) => `${o.label}: ${p.result!.totals[o.id]}`).join(' · ');
      const res = document.createElement('div');
      res.textContent = `${totals} → ${p.result.outcome.verdict}`;
      li.append(res);
      if (receipt) li.append(button('Kiểm tra biên nhận / Check receipt', () => check(p.pollId, receipt)));
    }
    return li;
  }));
}

async function check(pollId: string, receipt: string) {
  try {
    const r = await api<{ found: boolean; choice: string[] }>(`/api/meetings/${meeting}/polls/${pollId}/receipts/${encodeURIComponent(receipt)}`);
    alert(`✓ ${receipt}: ${r.choice.join(', ')}`);
  } catch (err) {
    alert(`✗ ${(err as Error).message}`);
  }
}
