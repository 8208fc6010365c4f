import type { StockItemCommand } from './stock-item.commands';
import { operationIdOf } from './stock-item.operations';

const metadata = { correlationId: 'c', actor: 'system', now: '2024-05-01T10:00:00.000Z' };
const item = { locationId: 'paris-rivoli', sku: 'TENT-2P' };
const command = (type: StockItemCommand['type'], data: object) => ({ type, data: { ...item, ...data }, metadata }) as StockItemCommand;

describe('Operations applied once per stock item', () => {
  it('are named by the id each command carries, one namespace per kind of command', () => {
    expect(operationIdOf(command('CountStock', { onHand: 1, countId: 'pos-778' }))).toBe('count:pos-778');
    expect(operationIdOf(command('AdjustStock', { delta: -1, reason: 'damaged', adjustmentId: 'pos-778' }))).toBe('adjustment:pos-778');
    expect(operationIdOf(command('ReleaseStock', { reservationId: 'r', reason: 'short pick', quantity: 1, releaseId: 'rel-1', held: 2 }))).toBe('release:rel-1');
    expect(operationIdOf(command('CommitStock', { reservationId: 'r', commitId: 'ship-1', quantity: 1, held: 2 }))).toBe('commit:ship-1');
    expect(operationIdOf(command('RestockGoods', { restockId: 'ret-1', quantity: 1, reason: 'return' }))).toBe('restock:ret-1');
  });

  it('leave out what needs no record: a count without id, a whole release, a reservation (its line is the record)', () => {
    expect(operationIdOf(command('CountStock', { onHand: 1 }))).toBeUndefined();
    expect(operationIdOf(command('ReleaseStock', { reservationId: 'r', reason: 'cancelled', held: 2 }))).toBeUndefined();
    expect(operationIdOf(command('ReserveStock', { reservationId: 'r', orderId: 'o', quantity: 1 }))).toBeUndefined();
  });
});
