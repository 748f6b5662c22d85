// A file sent to the server with the upload's progress (XMLHttpRequest: fetch reports no upload progress), the
// Bearer token of the token source, and the server's error body as an ApiError (one vocabulary, P3) — with the
// whole body kept for answers that carry more (the CSV import's line errors).
import { ApiError, type TokenSource } from '../../../lib/auth';

export class UploadError extends ApiError {
  constructor(code: string, message: string, status: number, readonly body: any) {
    super(code, message, status);
  }
}

export async function upload(auth: TokenSource, url: string, body: Blob, contentType: string, headers: Record<string, string>,
  onProgress: (fraction: number) => void = () => undefined): Promise<any> {
  const token = await auth.accessToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', contentType);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError('NETWORK', 'The server cannot be reached.', 0));
    xhr.onload = () => {
      let json: any = null;
      try { json = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { json = null; }
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(json); return; }
      reject(new UploadError(json?.code ?? (xhr.status >= 500 ? 'UNAVAILABLE' : 'BAD_MESSAGE'), json?.message ?? xhr.statusText, xhr.status, json));
    };
    xhr.send(body);
  });
}
