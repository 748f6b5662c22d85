// Placeholder client: signs in against the REST API and lists the account's meetings.
// The full tablet / chair app replaces this in the web-client issue.

interface TokenPair { accessToken: string; refreshToken: string; expiresIn: number }
interface MeetingSummary { id: string; title: string; status: string; role?: string }
interface ErrorBody { code: string; message: string }

const form = document.querySelector<HTMLFormElement>('#login')!;
const statusLine = document.querySelector<HTMLParagraphElement>('#status')!;
const list = document.querySelector<HTMLUListElement>('#meetings')!;

async function api<T>(path: string, init: RequestInit = {}, token?: string): Promise<T> {
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
    const meetings = await api<{ meetings: MeetingSummary[] }>('/api/meetings', {}, tokens.accessToken);
    statusLine.textContent = `Đã đăng nhập / Signed in (${meetings.meetings.length})`;
    list.replaceChildren(...meetings.meetings.map((m) => {
      const li = document.createElement('li');
      li.textContent = `${m.title} — ${m.status}${m.role ? ` (${m.role})` : ''}`;
      return li;
    }));
  } catch (err) {
    statusLine.textContent = (err as Error).message;
  }
});
