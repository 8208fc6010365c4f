/** A row of a stock count file, ready to send, or why it cannot be. */
export type StockRow =
  | { readonly line: number; readonly locationId: string; readonly sku: string; readonly onHand: number; readonly safetyStock?: number; readonly countId: string }
  | { readonly line: number; readonly problem: string };

const COUNT = /^\d+$/;

/** cyrb53: a fast 53-bit string hash; two seeds make the file's fingerprint (no crypto.subtle: it is missing on plain-HTTP origins). */
const hash53 = (text: string, seed: number): string => {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
};

/**
 * `locationId,sku,onHand[,safetyStock]`, one count a line, a header row
 * optional. Each row's countId comes from the file's content and the row's
 * line, so the same file uploaded again is applied once.
 */
export const parseStockCsv = (text: string): StockRow[] => {
  const fingerprint = `${hash53(text, 1)}${hash53(text, 2)}`;
  const rows: StockRow[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const fields = raw.split(',').map((f) => f.trim());
    if (index === 0 && fields[0]?.toLowerCase() === 'locationid') return;
    if (fields.length < 3 || fields.length > 4) return rows.push({ line, problem: `expected locationId,sku,onHand[,safetyStock], found ${fields.length} field(s)` });
    const [locationId, sku, onHand, safetyStock] = fields;
    if (!locationId) return rows.push({ line, problem: 'locationId is empty' });
    if (!sku) return rows.push({ line, problem: 'sku is empty' });
    if (!COUNT.test(onHand)) return rows.push({ line, problem: `onHand "${onHand}" is not a whole number of 0 or more` });
    if (safetyStock !== undefined && safetyStock !== '' && !COUNT.test(safetyStock)) return rows.push({ line, problem: `safetyStock "${safetyStock}" is not a whole number of 0 or more` });
    rows.push({
      line,
      locationId,
      sku,
      onHand: Number(onHand),
      ...(safetyStock ? { safetyStock: Number(safetyStock) } : {}),
      countId: `csv-${fingerprint}-${line}`,
    });
  });
  return rows;
};
