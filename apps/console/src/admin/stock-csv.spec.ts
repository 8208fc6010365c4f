import { parseStockCsv } from './stock-csv';

describe('Stock count CSV', () => {
  it('reads counts with or without safety stock, skipping the header and blank lines', () => {
    const rows = parseStockCsv('locationId,sku,onHand,safetyStock\r\nrivoli,TENT,5\r\n\r\nrivoli,MAT,7,2\r\n');
    expect(rows).toMatchObject([
      { line: 2, locationId: 'rivoli', sku: 'TENT', onHand: 5 },
      { line: 4, locationId: 'rivoli', sku: 'MAT', onHand: 7, safetyStock: 2 },
    ]);
    expect(rows[0]).not.toHaveProperty('safetyStock');
  });

  it('takes a first row of counts as data when there is no header', () => {
    expect(parseStockCsv('rivoli,TENT,5')).toMatchObject([{ line: 1, sku: 'TENT', onHand: 5 }]);
  });

  it('names what is wrong with a row by its line, without a count to send', () => {
    expect(parseStockCsv('rivoli,TENT,lots\nrivoli,TENT\n,TENT,1\nrivoli,TENT,-1\nrivoli,TENT,1,x\nrivoli,TENT,1.5')).toEqual([
      { line: 1, problem: 'onHand "lots" is not a whole number of 0 or more' },
      { line: 2, problem: 'expected locationId,sku,onHand[,safetyStock], found 2 field(s)' },
      { line: 3, problem: 'locationId is empty' },
      { line: 4, problem: 'onHand "-1" is not a whole number of 0 or more' },
      { line: 5, problem: 'safetyStock "x" is not a whole number of 0 or more' },
      { line: 6, problem: 'onHand "1.5" is not a whole number of 0 or more' },
    ]);
  });

  it('gives a row the same countId for the same file, and another for another file or line', () => {
    const id = (text: string, index = 0) => (parseStockCsv(text)[index] as { countId: string }).countId;
    expect(id('rivoli,TENT,5\nrivoli,MAT,1')).toBe(id('rivoli,TENT,5\nrivoli,MAT,1'));
    expect(id('rivoli,TENT,5\nrivoli,MAT,1')).not.toBe(id('rivoli,TENT,5\nrivoli,MAT,2'));
    expect(id('rivoli,TENT,5\nrivoli,TENT,5', 0)).not.toBe(id('rivoli,TENT,5\nrivoli,TENT,5', 1));
    expect(id('rivoli,TENT,5').length).toBeLessThanOrEqual(200);
  });
});
