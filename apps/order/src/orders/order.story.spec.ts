import type { RecordedEvent } from '@oms/event-store';
import { tellOrderStory } from './order.story';

const recorded = (type: string, data: object): RecordedEvent =>
  ({ streamId: 'order-o-1', version: 1, globalPosition: '1', type, data, metadata: { eventId: 'e', correlationId: 'c-1', actor: 'test', recordedAt: '2026-01-01T00:00:00Z' } }) as RecordedEvent;

describe('Order story', () => {
  it('tells a placed order with its channel and method', () => {
    const story = tellOrderStory(recorded('OrderPlaced', { orderId: 'o-1', channel: 'web', delivery: { method: 'ship' }, lines: [{ sku: 'TENT', quantity: 2 }] }));
    expect(story).toMatchObject({ message: 'order o-1 placed on web for ship: TENT×2', orderId: 'o-1', channel: 'web', method: 'ship' });
  });

  it('tells where an order was routed', () => {
    const story = tellOrderStory(recorded('LinesAllocated', { orderId: 'o-1', attempt: 1, allocations: [{ locationId: 'lyon-dc', method: 'warehouse', lines: [{ sku: 'TENT', quantity: 2 }] }] }));
    expect(story).toMatchObject({ message: 'order o-1 routed to lyon-dc (warehouse: TENT×2)', locations: ['lyon-dc'] });
  });

  it('tells why lines were backordered: each excluded candidate with its reasons', () => {
    const decision = { allocations: [], unallocated: [{ sku: 'TENT', quantity: 1 }], candidates: [{ locationId: 'paris-rivoli', outcome: 'excluded', reasons: ['no-stock'] }], notes: [] };
    expect(tellOrderStory(recorded('OrderRoutingDecided', { orderId: 'o-1', decision }))?.message).toBe('order o-1 backordered TENT×1: paris-rivoli: no-stock');
  });

  it('tells a decision that allocated everything as nothing (the allocation tells it)', () => {
    const decision = { allocations: [{}], unallocated: [], candidates: [], notes: [] };
    expect(tellOrderStory(recorded('OrderRoutingDecided', { orderId: 'o-1', decision }))).toBeUndefined();
  });

  it('tells a re-route after a rejection, excluding the location', () => {
    const data = { orderId: 'o-1', allocationId: 'o-1-a1-1', locationId: 'paris-rivoli', lines: [{ sku: 'TENT', quantity: 1 }], reason: 'rejected', excludeLocation: true };
    expect(tellOrderStory(recorded('AllocationReleased', data))?.message).toBe('order o-1: allocation o-1-a1-1 at paris-rivoli released (rejected), re-routing TENT×1 without paris-rivoli');
  });
});
