// Test PDFs made on the spot (no files in the repository): `pages` pages, each with a title line naming its page
// and a line of searchable words, and optionally an incompressible image on every page to reach `bytes` (the 20 MB
// agenda pack). Plain PDF 1.4 with a correct cross-reference table; Helvetica (a standard font, not embedded). Page
// dictionaries come first (pdf.js checks the last page before it shows the first: with every page dictionary behind
// its own 500 KB image that walk alone costs ~40 range requests, docs/benchmarks.md).
import { randomBytes } from 'node:crypto';

export function makePdf(pages: number, opts: { bytes?: number; words?: (page: number) => string } = {}): Buffer {
  const imageBytes = opts.bytes ? Math.max(0, Math.floor(opts.bytes / pages) - 600) : 0;
  const side = imageBytes ? Math.max(1, Math.floor(Math.sqrt(imageBytes / 3))) : 0;
  const objects: (string | Buffer)[] = [];
  const add = (o: string | Buffer) => objects.push(o) && objects.length;
  const catalog = add('');
  const tree = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  // page dictionaries first, then each page's content and image (the order PDFBox and most writers use)
  const kids = Array.from({ length: pages }, () => add(''));
  kids.forEach((kid, i) => {
    const p = i + 1;
    const words = opts.words?.(p) ?? `Ngan sach nam 2027, muc ${p}. Budget line ${p}.`;
    const image = side ? add(Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${side * side * 3} >>\nstream\n`),
      randomBytes(side * side * 3), Buffer.from('\nendstream')])) : 0;
    const draw = `BT /F1 28 Tf 72 760 Td (Page ${p} of ${pages}) Tj ET\nBT /F1 14 Tf 72 720 Td (${words}) Tj ET\n`
      + (image ? 'q 300 0 0 300 150 300 cm /Im1 Do Q\n' : '');
    const content = add(`<< /Length ${Buffer.byteLength(draw)} >>\nstream\n${draw}endstream`);
    const res = `<< /Font << /F1 ${font} 0 R >>${image ? ` /XObject << /Im1 ${image} 0 R >>` : ''} >>`;
    objects[kid - 1] = `<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 595 842] /Resources ${res} /Contents ${content} 0 R >>`;
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${tree} 0 R >>`;
  objects[tree - 1] = `<< /Type /Pages /Count ${pages} /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] >>`;
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(o) ? o : Buffer.from(o, 'latin1'), Buffer.from('\nendobj\n')]);
    parts.push(b);
    offset += b.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
    + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
    + `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
