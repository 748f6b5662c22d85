// pdf.js, loaded on first use only (the meeting pages do not pay for it), with its worker as a module worker.
import type * as PdfJs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

let lib: Promise<typeof PdfJs> | null = null;
let loaded = false;

/** pdf.js's library is parsed already (warmed while the meeting page was idle, or a document was opened before). */
export function pdfjsLoaded(): boolean {
  return loaded;
}

/** pdf.js's library has been asked for (it may still be on its way or being parsed). */
export function pdfjsStarted(): boolean {
  return lib !== null;
}

export function pdfjs(): Promise<typeof PdfJs> {
  lib ??= import('pdfjs-dist').then((m) => {
    m.GlobalWorkerOptions.workerPort = new Worker(workerUrl, { type: 'module' });
    (globalThis as any).pdfjsLib = m; // pdf_viewer.mjs reads the library from here
    loaded = true;
    return m;
  });
  return lib;
}

/** pdf.js's viewer and its stylesheet (280 KB, mostly icons), with the library: none of it is on the viewer's first
 * paint, which is the server's picture of the page (D33, D38). */
export async function viewerLib(): Promise<typeof import('pdfjs-dist/web/pdf_viewer.mjs')> {
  const css = import('pdfjs-dist/web/pdf_viewer.css');
  await pdfjs();
  const [m] = await Promise.all([import('pdfjs-dist/web/pdf_viewer.mjs'), css]);
  return m;
}
