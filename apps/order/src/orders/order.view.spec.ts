import { fold } from '@oms/event-store/decider';
import { orderDecider } from './order.decider';
import { allocation, allocationReleased, at, fulfilmentRequested, mat, placed, progressed, routed, shipTo, tent } from './order.fixtures';
import { orderView } from './order.view';

describe('orderView', () => {
  it('shows the order as the API represents it', () => {
    const warehouse = allocation('alloc-1', 'lyon-dc', 'warehouse', [tent(2), mat(1)]);
    const state = fold(orderDecider, [
      placed(),
      ...routed(1, [warehouse]),
      fulfilmentRequested('alloc-1', 'ful-1'),
      progressed('alloc-1', 'ful-1', 'released', 20),
      allocationReleased(warehouse, 1, [mat(1)], 'cancelled', false, 25),
    ]);
    if (state.status === 'none') throw new Error('expected a placed order');
    expect(orderView(state)).toEqual({
      orderId: 'order-1',
      orderNumber: '100001',
      status: 'allocated',
      channel: 'web',
      customer: { id: 'c-42', email: 'ana@example.com' },
      delivery: shipTo,
      allowSplit: true,
      createdAt: at(0),
      updatedAt: at(25),
      lines: [
        { sku: 'TENT-2P', quantity: 2, unitPrice: { amount: 12999, currency: 'EUR' }, allocated: 2, fulfilled: 0, cancelled: 0, returned: 0 },
        { sku: 'MAT-1', quantity: 1, unitPrice: { amount: 2499, currency: 'EUR' }, allocated: 0, fulfilled: 0, cancelled: 1, returned: 0 },
      ],
      totals: { amount: 2 * 12999 + 2499, currency: 'EUR' },
      allocations: [
        { allocationId: 'alloc-1', locationId: 'lyon-dc', method: 'warehouse', fulfilmentId: 'ful-1', status: 'released', lines: [tent(2), mat(1)], released: [mat(1)] },
      ],
    });
  });
});
