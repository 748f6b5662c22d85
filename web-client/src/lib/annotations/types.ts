// Annotation shapes as docs/protocol.md §14 has them: operations a tablet pushes (AN4) and annotations as a viewer
// receives them (annotation.changed, annotation.sync). Coordinates are PDF user space of the page (points, y up,
// origin at the lower left corner of the crop box).
export interface Stamp { ms: number; c: number; device: string }

export interface Anchor { document: string; version: number; page: number }

export type Shape =
  | { kind: 'INK'; points: [number, number, number][] }
  | { kind: 'HIGHLIGHT'; quads: number[][]; quote: string }
  | { kind: 'NOTE'; at: [number, number] }
  | { kind: 'RECTANGLE' | 'ELLIPSE'; rect: [number, number, number, number] }
  | { kind: 'ARROW'; from: [number, number]; to: [number, number] };

export type Kind = Shape['kind'];

export interface Placement { anchor: Anchor; shape: Shape }

export interface Style { color: string; width: number; tool: 'PEN' | 'HIGHLIGHTER' }

export type Visibility =
  | { kind: 'PRIVATE' }
  | { kind: 'SHARED' }
  | { kind: 'PRESENTER' }
  | { kind: 'PEOPLE'; people: string[] };

export interface Annotation {
  id: string; author: string; kind: Kind; placement: Placement; style: Style; visibility: Visibility;
  texts?: { text: string; stamp: Stamp }[]; moderation: 'VISIBLE' | 'HIDDEN'; created: Stamp; updated: Stamp;
}

export type Op =
  | { op: 'create'; id: string; stamp: Stamp; placement: Placement; style: Style; visibility: Visibility; text?: string }
  | { op: 'edit'; id: string; stamp: Stamp; visibility?: Visibility; style?: Style; placement?: Placement;
      text?: { value: string; replaces: Stamp[] } }
  | { op: 'erase'; id: string; stamp: Stamp }
  | { op: 'moderate'; id: string; stamp: Stamp; moderation: 'VISIBLE' | 'HIDDEN' };

/** Stamp order (AN1): ms, then counter, then the device id's text. */
export function compareStamps(a: Stamp, b: Stamp): number {
  return a.ms - b.ms || a.c - b.c || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
}
