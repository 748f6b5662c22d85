// Opens a meeting document in pdf.js by byte ranges (docs/decisions.md D18): pdf.js asks for the ranges it needs
// (the cross-reference table, then the objects of the pages shown) and we fetch each with the reader's access token
// (DL1: Range → 206), refreshing it as needed — a document stays unreachable without rights, and a 20 MB agenda
// pack shows its first page after a few small requests. A copy kept on the device (doc-cache.ts) serves the
// ranges offline.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { TokenSource } from '../auth';
import { ApiError } from '../auth';
import { authedFetch } from '../http';
import { cachedBlob } from './doc-cache';
import { pdfjs } from './pdfjs';

const CHUNK = 128 * 1024;
/** The first request (measured: a whole 1 MiB storage chunk first made the first page slower, not faster). */
const HEAD = CHUNK;
const PARALLEL = 4;

/** At most PARALLEL range requests at once, in the order pdf.js asks (the page it needs first comes first). */
function limiter() {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (running >= PARALLEL || queue.length === 0) return;
    running++;
    queue.shift()!();
  };
  return <T>(work: () => Promise<T>): Promise<T> => new Promise<T>((ok, fail) => {
    queue.push(() => work().then(ok, fail).finally(() => { running--; next(); }));
    next();
  });
}

async function fetchRange(auth: TokenSource, url: string, begin: number, end: number): Promise<{ bytes: Uint8Array; total: number }> {
  const res = await authedFetch(auth, url, { headers: { Range: `bytes=${begin}-${end - 1}` } });
  if (res.status !== 206 && res.status !== 200) {
    let code = 'UNKNOWN';
    try { code = (await res.json()).code; } catch { /* not JSON */ }
    throw new ApiError(code, `HTTP ${res.status}`, res.status);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const range = res.headers.get('Content-Range');
  const total = range ? Number(range.split('/')[1]) : bytes.length;
  if (res.status === 200) return { bytes: bytes.subarray(begin, end), total };
  return { bytes, total };
}

/**
 * Opens {@code url} ({@code size} bytes, from the version's metadata). Without a local copy, the start and the end
 * of the file (where the cross-reference table is) are asked for at once, before pdf.js asks for the end itself.
 */
export async function openPdf(auth: TokenSource, url: string, size?: number): Promise<PDFDocumentProxy> {
  const [lib, local] = await Promise.all([pdfjs(), cachedBlob(url).catch(() => null)]);
  let length: number;
  let first: Uint8Array;
  let read: (begin: number, end: number) => Promise<Uint8Array>;
  if (local) {
    length = local.size;
    read = async (b, e) => new Uint8Array(await local.slice(b, e).arrayBuffer());
    first = await read(0, Math.min(HEAD, length));
  } else {
    const tailFrom = size && size > HEAD + 2 * CHUNK ? (Math.ceil(size / CHUNK) - 2) * CHUNK : null;
    const tailPromise = tailFrom === null ? null : fetchRange(auth, url, tailFrom, size!).catch(() => null);
    const head = await fetchRange(auth, url, 0, HEAD);
    length = head.total;
    first = head.bytes;
    const tail = tailPromise ? await tailPromise : null;
    read = async (b, e) => {
      if (tail && tailFrom !== null && b >= tailFrom && e <= tailFrom + tail.bytes.length) return tail.bytes.slice(b - tailFrom, e - tailFrom);
      return (await fetchRange(auth, url, b, e)).bytes;
    };
  }
  const transport = new lib.PDFDataRangeTransport(length, first);
  const limit = limiter();
  transport.requestDataRange = (begin: number, end: number) => {
    limit(() => read(begin, end)).then((bytes) => transport.onDataRange(begin, bytes)).catch(() => transport.onDataRange(begin, null));
  };
  const task = lib.getDocument({
    range: transport,
    length,
    rangeChunkSize: CHUNK,
    disableAutoFetch: true,
    disableStream: true,
    isEvalSupported: false,
    standardFontDataUrl: '/pdfjs/standard_fonts/',
    cMapUrl: '/pdfjs/cmaps/',
    cMapPacked: true,
    wasmUrl: '/pdfjs/wasm/',
  });
  return task.promise;
}
