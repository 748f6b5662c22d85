// REST calls with a token source (auth.ts): the Bearer header, one retry with a fresh token after a 401, and the
// server's error body as an ApiError carrying its code (one vocabulary, docs/protocol.md P3).
import { ApiError, readJson, SessionEnded, type TokenSource } from './auth';

export async function authedFetch(auth: TokenSource, path: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const token = await auth.accessToken();
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers });
    } catch {
      throw new ApiError('NETWORK', 'The server cannot be reached.', 0);
    }
    if (res.status !== 401) return res;
    auth.invalidate(token);
    if (attempt >= 1) {
      auth.end('revoked');
      throw new SessionEnded();
    }
  }
}

export async function apiJson<T>(auth: TokenSource, path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  return readJson<T>(await authedFetch(auth, path, { ...init, headers }));
}
