// The part of npm `qrcode` (1.5.4) the consoles use: a QR code as an SVG text.
declare module 'qrcode' {
  export function toString(text: string, options?: { type?: 'svg'; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; margin?: number; width?: number }): Promise<string>;
}
