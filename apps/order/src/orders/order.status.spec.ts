import type { AllocationMethod, SkuQuantity } from './order.events';
import type { Allocation, AllocationStatus, OrderLine, PlacedOrder } from './order.state';
import { deriveStatus } from './order.status';

const line = (sku: string, quantity: number, counts: Partial<OrderLine> = {}): OrderLine => ({
  sku, quantity, unitPrice: { amount: 100, currency: 'EUR' }, allocated: 0, fulfilled: 0, cancelled: 0, returned: 0,
  awaitingStock: false, excludedLocationIds: [], ...counts,
});
const allocation = (method: AllocationMethod, status: AllocationStatus, lines: SkuQuantity[], released: SkuQuantity[] = []): Allocation => ({
  allocationId: `alloc-${method}-${status}`, reservationId: 'r-1', locationId: 'paris-rivoli', method, lines, released,
  reservationReleased: [], releaseReasons: [], fulfilmentId: status === 'pending' ? null : 'ful-1', status,
});
const order = (lines: OrderLine[], allocations: Allocation[] = []): Omit<PlacedOrder, 'status'> => ({
  orderId: 'order-1', orderNumber: '100001', idempotencyKey: 'k', bodyHash: 'h', channel: 'web', customer: { id: 'c-1' },
  delivery: { method: 'pickup', locationId: 'paris-rivoli' }, allowSplit: true, createdAt: 't', updatedAt: 't',
  lines, allocations, routingAttempts: 1, routingTries: 0, intent: null, reservationIds: ['r-1'], returnIds: [],
});
const tents = { sku: 'TENT-2P', quantity: 2 };
const mats = { sku: 'MAT-1', quantity: 1 };
const allocatedTents = line('TENT-2P', 2, { allocated: 2 });
const allocatedMats = line('MAT-1', 1, { allocated: 1 });

describe('deriveStatus', () => {
  it('is placed while nothing is allocated and nothing waits for stock', () => expect(deriveStatus(order([line('TENT-2P', 2)]))).toBe('placed'));

  it('is backordered when nothing is allocated and lines wait for stock', () =>
    expect(deriveStatus(order([line('TENT-2P', 2, { awaitingStock: true })]))).toBe('backordered'));

  it('is partially allocated when some lines are still open', () =>
    expect(deriveStatus(order([allocatedTents, line('MAT-1', 1, { awaitingStock: true })], [allocation('warehouse', 'created', [tents])]))).toBe('partially_allocated'));

  it('is allocated while no fulfilment has started', () =>
    expect(deriveStatus(order([allocatedTents, allocatedMats], [allocation('warehouse', 'pending', [tents]), allocation('ship-from-store', 'created', [mats])]))).toBe('allocated'));

  it('does not count a warehouse releasing its fulfilment as started', () =>
    expect(deriveStatus(order([allocatedTents], [allocation('warehouse', 'released', [tents])]))).toBe('allocated'));

  it.each<[AllocationMethod, AllocationStatus]>([
    ['pickup', 'accepted'],
    ['ship-from-store', 'picked'],
    ['ship-to-store', 'shipped'],
    ['ship-to-store', 'received'],
  ])('is in fulfilment once a %s fulfilment is %s', (method, status) =>
    expect(deriveStatus(order([allocatedTents], [allocation(method, status, [tents])]))).toBe('in_fulfilment'));

  it('is in fulfilment while one pickup is ready and another is not', () =>
    expect(deriveStatus(order([allocatedTents, allocatedMats], [allocation('pickup', 'ready_for_pickup', [tents]), allocation('ship-to-store', 'shipped', [mats])]))).toBe('in_fulfilment'));

  it('is ready for pickup when every open pickup is ready', () =>
    expect(deriveStatus(order([allocatedTents, allocatedMats], [allocation('pickup', 'ready_for_pickup', [tents]), allocation('ship-to-store', 'collected', [mats])]))).toBe('ready_for_pickup'));

  it('is partially shipped when one parcel left and another is still open', () =>
    expect(deriveStatus(order([allocatedTents, allocatedMats], [allocation('warehouse', 'shipped', [tents]), allocation('ship-from-store', 'accepted', [mats])]))).toBe('partially_shipped'));

  it('is partially shipped when one parcel left and other lines are not allocated yet', () =>
    expect(deriveStatus(order([allocatedTents, line('MAT-1', 1)], [allocation('warehouse', 'shipped', [tents])]))).toBe('partially_shipped'));

  it('is shipped when every parcel left, delivered or not', () =>
    expect(deriveStatus(order([allocatedTents, allocatedMats], [allocation('warehouse', 'shipped', [tents]), allocation('ship-from-store', 'delivered', [mats])]))).toBe('shipped'));

  it('is completed when everything is delivered or collected', () =>
    expect(deriveStatus(order([allocatedTents, allocatedMats], [allocation('warehouse', 'delivered', [tents]), allocation('pickup', 'collected', [mats])]))).toBe('completed'));

  it('is completed when what was not cancelled is delivered', () =>
    expect(deriveStatus(order([allocatedTents, line('MAT-1', 1, { cancelled: 1 })], [allocation('warehouse', 'delivered', [tents])]))).toBe('completed'));

  it('ignores an allocation whose lines were all released', () =>
    expect(deriveStatus(order([line('TENT-2P', 2)], [allocation('pickup', 'rejected', [tents], [tents])]))).toBe('placed'));

  it('is cancelled when every line is cancelled', () =>
    expect(deriveStatus(order([line('TENT-2P', 2, { cancelled: 2 })], [allocation('pickup', 'expired', [tents], [tents])]))).toBe('cancelled'));
});
