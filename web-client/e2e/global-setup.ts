// Before the scenarios: the secretary publishes the test documents over REST (uploading is the chair console's
// job, issue 13) — a 200-page PDF on agenda item 2 and a 20 MB PDF on item 3 — and the chair opens the meeting.
// Their ids go to the tests through the environment.
import { request, type FullConfig } from '@playwright/test';
import { makePdf } from './pdf';

export const PASSWORD = process.env.PLENUM_DEMO_PASSWORD ?? 'plenum-demo';

export default async function setup(config: FullConfig): Promise<void> {
  // the whole-meeting run (project "meeting", WholeMeetingVideoIT) makes everything it needs in the browser
  if (process.env.PLENUM_E2E_DEMO_SETUP === 'skip') return;
  const baseURL = config.projects[0].use.baseURL!;
  const api = await request.newContext({ baseURL });
  const token = async (username: string) =>
    (await (await api.post('/api/auth/login', { data: { username, password: PASSWORD } })).json()).accessToken as string;
  const secretary = await token('secretary');
  const auth = { Authorization: `Bearer ${secretary}` };
  const meeting = (await (await api.get('/api/meetings', { headers: auth })).json()).meetings[0].id as string;
  const snapshot = await (await api.get(`/api/meetings/${meeting}/snapshot`, { headers: auth })).json();
  const items = snapshot.agenda.items as { id: string }[];
  const existing = new Map<string, string>((snapshot.documents as { id: string; title: string }[]).map((d) => [d.title, d.id]));

  async function publish(title: string, pdf: () => Buffer, item: string): Promise<string> {
    if (existing.has(title)) return existing.get(title)!;
    const res = await api.post(`/api/meetings/${meeting}/documents?title=${encodeURIComponent(title)}&agendaItemIds=${item}`, {
      headers: { ...auth, 'Content-Type': 'application/pdf', 'X-Filename': 'test.pdf' }, data: pdf(), timeout: 120_000,
    });
    if (res.status() !== 201) throw new Error(`upload ${title}: ${res.status()} ${await res.text()}`);
    return (await res.json()).id;
  }

  process.env.PLENUM_E2E_MEETING = meeting;
  process.env.PLENUM_E2E_DOC200 = await publish('Báo cáo kinh tế - xã hội 2026 (200 trang)', () => makePdf(200), items[1].id);
  process.env.PLENUM_E2E_DOC20MB = await publish('Hồ sơ dự toán ngân sách 2027 (20 MB)', () => makePdf(40, { bytes: 20_000_000 }), items[2].id);

  const chair = { Authorization: `Bearer ${await token('chair')}` };
  if (snapshot.meeting.status === 'SCHEDULED') {
    await api.post(`/api/meetings/${meeting}/status`, { headers: chair, data: { status: 'OPEN' } });
  }
  await api.put(`/api/meetings/${meeting}/current-item`, { headers: chair, data: { itemId: items[1].id } });
  await api.dispose();
}
