import { matches, sseFrame, toPublicEvent } from './public-event';

const ready = {
  type: 'FulfilmentReadyForPickup',
  data: { orderId: 'o-1', fulfilmentId: 'f-1', pickupCodeHash: 'secret', lines: [{ sku: 'TENT-2P', pickupCode: 'x' }] },
  metadata: { recordedAt: '2026-11-22T10:00:00.000Z' },
};

describe('Public events', () => {
  it('never shows a pickup code or its hash, however deep', () => {
    const event = toPublicEvent(7, 'oms.fulfilment.events.FulfilmentReadyForPickup', ready);
    expect(JSON.stringify(event)).not.toMatch(/pickupCode/);
    expect(event).toEqual(expect.objectContaining({ id: '7', type: 'FulfilmentReadyForPickup', service: 'fulfilment', orderId: 'o-1', at: '2026-11-22T10:00:00.000Z' }));
  });

  it('filters by type and by order', () => {
    const event = toPublicEvent(1, 'oms.fulfilment.events.FulfilmentReadyForPickup', ready);
    expect(matches(event, {})).toBe(true);
    expect(matches(event, { types: new Set(['OrderPlaced']) })).toBe(false);
    expect(matches(event, { types: new Set(['FulfilmentReadyForPickup']), orderId: 'o-1' })).toBe(true);
    expect(matches(event, { orderId: 'o-2' })).toBe(false);
  });

  it('frames an event with its id for Last-Event-ID', () => {
    expect(sseFrame(toPublicEvent(3, 'oms.order.events.OrderPlaced', { type: 'OrderPlaced', data: { orderId: 'o-3' } }))).toMatch(/^id: 3\nevent: OrderPlaced\ndata: \{.*\}\n\n$/);
  });
});
