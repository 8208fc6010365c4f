/**
 * A set of an order's lines as 32-bit words: line j is bit j%32 of word
 * floor(j/32). Bit sets keep the allocation search to a few integer
 * operations per location instead of walking SKU lists.
 */
export type LineMask = Uint32Array;

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function allLines(lineCount: number, words: number): LineMask {
  const mask = new Uint32Array(words);
  for (let j = 0; j < lineCount; j++) mask[j >>> 5] |= 1 << (j & 31);
  return mask;
}

export const hasLine = (mask: LineMask, line: number): boolean => (mask[line >>> 5] & (1 << (line & 31))) !== 0;

export function isEmpty(mask: LineMask): boolean {
  for (let w = 0; w < mask.length; w++) if (mask[w] !== 0) return false;
  return true;
}

/** Whether every line of `part` is in `whole`. */
export function isWithin(part: LineMask, whole: LineMask): boolean {
  for (let w = 0; w < part.length; w++) if ((part[w] & ~whole[w]) !== 0) return false;
  return true;
}

export function overlaps(a: LineMask, b: LineMask): boolean {
  for (let w = 0; w < a.length; w++) if ((a[w] & b[w]) !== 0) return true;
  return false;
}

export function intersect(a: LineMask, b: LineMask): LineMask {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w] & b[w];
  return out;
}

export function without(a: LineMask, b: LineMask): LineMask {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w] & ~b[w];
  return out;
}

export function addInto(target: LineMask, extra: LineMask): void {
  for (let w = 0; w < target.length; w++) target[w] |= extra[w];
}
