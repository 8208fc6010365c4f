import type { FulfilmentView } from '@oms/contracts';
import { byUrgency, isOverdue, pickList, sectionOf } from './queue';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const job = (over: Partial<FulfilmentView>): FulfilmentView => ({
  fulfilmentId: 'f-1', orderId: 'o-1', orderNumber: '100001', allocationId: 'a-1', customer: { name: 'Ana' }, locationId: 'rivoli', type: 'pickup', status: 'created',
  lines: [{ sku: 'TENT', quantity: 2, picked: 0 }], pickup: null, shipment: null, createdAt: '2026-03-02T10:00:00.000Z', updatedAt: '2026-03-02T10:00:00.000Z', history: [],
  ...over,
});

describe('Store queue', () => {
  it('puts each job in the section of what this store does next', () => {
    expect(sectionOf(job({ status: 'created' }), 'rivoli', NOW)).toBe('new');
    expect(sectionOf(job({ status: 'accepted' }), 'rivoli', NOW)).toBe('to-pick');
    expect(sectionOf(job({ status: 'picked' }), 'rivoli', NOW)).toBe('to-hand-over');
    expect(sectionOf(job({ status: 'ready_for_pickup' }), 'rivoli', NOW)).toBe('to-hand-over');
    expect(sectionOf(job({ status: 'collected', updatedAt: '2026-03-02T11:00:00.000Z' }), 'rivoli', NOW)).toBe('done-today');
    expect(sectionOf(job({ status: 'collected', updatedAt: '2026-02-20T11:00:00.000Z' }), 'rivoli', NOW)).toBeNull();
  });

  it('shows a transfer as outgoing work at its source and incoming at the pickup store', () => {
    const transfer = job({ type: 'ship-to-store', locationId: 'bastille', pickupLocationId: 'rivoli' });
    expect(sectionOf(transfer, 'bastille', NOW)).toBe('to-hand-over');
    expect(sectionOf(transfer, 'rivoli', NOW)).toBe('incoming');
    expect(sectionOf({ ...transfer, status: 'shipped' }, 'rivoli', NOW)).toBe('incoming');
    expect(sectionOf({ ...transfer, status: 'shipped', updatedAt: NOW.toISOString() }, 'bastille', NOW)).toBe('done-today');
    expect(sectionOf({ ...transfer, status: 'received' }, 'rivoli', NOW)).toBe('to-hand-over');
  });

  it('lists overdue jobs first, then the soonest due', () => {
    const late = job({ fulfilmentId: 'late', acceptBy: '2026-03-02T11:00:00.000Z' });
    const soon = job({ fulfilmentId: 'soon', acceptBy: '2026-03-02T13:00:00.000Z' });
    const later = job({ fulfilmentId: 'later', acceptBy: '2026-03-02T18:00:00.000Z' });
    expect(isOverdue(late, NOW)).toBe(true);
    expect(isOverdue(soon, NOW)).toBe(false);
    expect([later, soon, late].sort(byUrgency(NOW)).map((j) => j.fulfilmentId)).toEqual(['late', 'soon', 'later']);
  });

  it('adds up the accepted jobs by SKU for the pick list', () => {
    const jobs = [
      job({ status: 'accepted', orderNumber: '1', lines: [{ sku: 'TENT', quantity: 2, picked: 0 }, { sku: 'MAT', quantity: 1, picked: 0 }] }),
      job({ status: 'accepted', orderNumber: '2', lines: [{ sku: 'TENT', quantity: 1, picked: 0 }] }),
      job({ status: 'created', orderNumber: '3' }),
    ];
    expect(pickList(jobs)).toEqual([
      { sku: 'MAT', quantity: 1, orders: ['1'] },
      { sku: 'TENT', quantity: 3, orders: ['1', '2'] },
    ]);
  });
});
