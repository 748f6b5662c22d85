// Diagnostics for installers and tests (kiosk URL with `diag=1`): counts the decoded frames of the speaker video
// and reads the identity test pattern a room agent sends (`./plenum room-agent`, IdentityPattern in media/: 16
// bars, 8 code bits then the same bits inverted). The counts go out as this socket's presence `device`, e.g.
// "kiosk w=1280 f=312 c=2:300,3:0" (w: the camera's width), so the chair console (and the video test) can see what
// the room receives; the wall adds the widths it decodes ("wall t=320 s=1280 …": widest thumbnail, speaker; MV16).

export interface Counts { frames: number; codes: Record<number, number> }

export const counts: Counts = { frames: 0, codes: {} };
let current: MediaStreamTrack | null = null;
const defaultCounts = () => counts;
/** MV18, MV19: the frames of the chair tile (the hall feed) and what the speaker tile shows ("hall", "feed", "none"). */
export const hall: Counts = { frames: 0, codes: {} };
let hallTrack: MediaStreamTrack | null = null;
let speakerSource = 'none';

export function watch(track: MediaStreamTrack): void {
  current = track;
  decode(track, counts, () => current === track);
}

export function watchHall(track: MediaStreamTrack): void {
  hallTrack = track;
  decode(track, hall, () => hallTrack === track);
}

export function setSpeakerSource(source: string): void {
  speakerSource = source;
}

/** The kiosk's device line: "kiosk w=1280 s=hall h=120 f=312 c=2:300" (s: the speaker tile's source, h: hall frames). */
export function kioskSummary(width: number): string {
  return summary(counts, `kiosk w=${width} s=${speakerSource} h=${hall.frames}`);
}

/**
 * Decodes the frames of {@code track} into {@code into} while {@code alive()} (the room wall watches many tracks at
 * once, each into the same counts).
 */
export function decode(track: MediaStreamTrack, into: Counts, alive: () => boolean): void {
  const Processor = (globalThis as any).MediaStreamTrackProcessor;
  if (typeof Processor === 'undefined') return;
  const reader = new Processor({ track }).readable.getReader();
  const w = 320, h = 180;
  const ctx = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
  const counts = into;
  (async () => {
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done || !alive()) { frame?.close(); return; }
      ctx.drawImage(frame, 0, 0, w, h);
      frame.close();
      counts.frames++;
      const code = readCode(ctx.getImageData(0, 0, w, h).data, w, h);
      if (code !== null) counts.codes[code] = (counts.codes[code] ?? 0) + 1;
    }
  })().catch(() => undefined);
}

export function summary(counts: Counts = defaultCounts(), label = 'kiosk'): string {
  const codes = Object.entries(counts.codes).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([c, n]) => `${c}:${n}`).join(',');
  return `${label} f=${counts.frames} c=${codes}`.slice(0, 64);
}

function readCode(d: Uint8ClampedArray, w: number, h: number): number | null {
  const bars = 16, bits: number[] = [];
  const top = Math.floor(h / 8), bottom = Math.floor(h * 5 / 8);
  for (let bar = 0; bar < bars; bar++) {
    const from = Math.floor((4 * bar + 1) * w / (4 * bars)), to = Math.floor((4 * bar + 3) * w / (4 * bars));
    let sum = 0, n = 0;
    for (let row = top; row < bottom; row += 2) {
      for (let x = from; x < to; x++) {
        const i = (row * w + x) * 4;
        sum += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
        n++;
      }
    }
    const mean = sum / Math.max(1, n);
    if (mean > 160) bits.push(1); else if (mean < 96) bits.push(0); else return null;
  }
  let code = 0;
  for (let i = 0; i < 8; i++) {
    if (bits[i] === bits[i + 8]) return null;
    code = (code << 1) | bits[i];
  }
  return code;
}
