import type { OrderHistoryItem } from '@oms/contracts';
import { actorText, tell } from './history';

const item = (type: string, data: object): OrderHistoryItem => ({ seq: 1, type, at: '2026-03-02T10:00:00.000Z', actor: 'order-process', correlationId: 'c-1', data });

describe('Service desk timeline', () => {
  it('tells a placement with its lines, customer and delivery in words', () => {
    const told = tell(
      item('OrderPlaced', {
        channel: 'web', customer: { id: 'c-42', email: 'ana@example.com' }, lines: [{ sku: 'TENT', quantity: 2 }],
        delivery: { method: 'pickup', locationId: 'paris-rivoli' },
      }),
    );
    expect(told.title).toBe('Order placed on web: 2 × TENT');
    expect(told.details).toEqual(['Customer ana@example.com, c-42', 'Delivery for pickup at paris-rivoli']);
  });

  it('hands a routing decision over whole, for its table', () => {
    const decision = { allocations: [], unallocated: [{ sku: 'TENT', quantity: 1 }], candidates: [{ locationId: 'lyon-dc', outcome: 'excluded', reasons: ['no-stock'] }], notes: [] };
    expect(tell(item('OrderRoutingDecided', { attempt: 2, decision }))).toEqual({ title: 'Routing decided (attempt 2)', details: [], decision });
  });

  it('says why lines were given back and that they are routed again elsewhere', () => {
    const told = tell(item('AllocationReleased', { locationId: 'paris-rivoli', lines: [{ sku: 'TENT', quantity: 1 }], reason: 'short-pick', excludeLocation: true }));
    expect(told).toEqual({ title: '1 × TENT given back by paris-rivoli: not found when picking', details: ['Routed again without paris-rivoli'] });
  });

  it('tells a partial cancellation with its reason and what is routed again', () => {
    const told = tell(
      item('OrderLinesCancelled', {
        reason: 'customer wants two', lines: [{ sku: 'LAMP', quantity: 1 }],
        allocations: [{ locationId: 'paris-rivoli', cancelled: [{ sku: 'LAMP', quantity: 1 }], rerouted: [{ sku: 'LAMP', quantity: 2 }] }],
      }),
    );
    expect(told.title).toBe('Lines cancelled: 1 × LAMP');
    expect(told.details).toEqual(['Reason: customer wants two', 'Still wanted from paris-rivoli, routed again: 2 × LAMP']);
  });

  it('reads an event type it does not know as words, and names automatic actors', () => {
    expect(tell(item('SomethingNewHappened', {})).title).toBe('Something New Happened');
    expect(actorText('order-process')).toBe('the order process (automatic)');
    expect(actorText('checkout')).toBe('checkout');
  });
});
