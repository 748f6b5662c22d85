// Copies pdf.js's data files (standard fonts, CMaps, ICC profiles, wasm decoders) of the installed pdfjs-dist into
// public/pdfjs/, served at /pdfjs/ (src/lib/pdf/source.ts). Run before every build, so they always match the library.
import { cpSync, rmSync } from 'node:fs';

rmSync('public/pdfjs', { recursive: true, force: true });
for (const dir of ['standard_fonts', 'cmaps', 'iccs', 'wasm']) {
  cpSync(`node_modules/pdfjs-dist/${dir}`, `public/pdfjs/${dir}`, { recursive: true });
}
