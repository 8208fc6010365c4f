import { toWebhookEvent } from './webhook-event';

const metadata = { eventId: 'e-1', recordedAt: '2026-01-01T10:00:00.000Z' };

describe('Webhook event › given a published event', () => {
  it('when it belongs to an order, then it is keyed by the order and posted as { id, type, at, data }', () => {
    const event = toWebhookEvent({ streamId: 'fulfilment-f1', type: 'FulfilmentCreated', data: { orderId: 'o-1', locationId: 'paris', pickupLocationId: 'lyon' }, metadata });
    expect(event).toEqual({
      eventId: 'e-1',
      type: 'FulfilmentCreated',
      orderKey: 'order:o-1',
      locationIds: ['paris', 'lyon'],
      at: metadata.recordedAt,
      body: { id: 'e-1', type: 'FulfilmentCreated', at: metadata.recordedAt, data: { orderId: 'o-1', locationId: 'paris', pickupLocationId: 'lyon' } },
    });
  });

  it('when it belongs to no order, then it is keyed by its stream', () =>
    expect(toWebhookEvent({ streamId: 'stock-paris-SKU', type: 'StockLevelChanged', data: { locationId: 'paris', sku: 'SKU' }, metadata }).orderKey).toBe('stream:stock-paris-SKU'));

  it('when its data holds secret fields, then they are not posted', () => {
    const event = toWebhookEvent({ streamId: 's', type: 'FulfilmentReadyForPickup', data: { orderId: 'o', pickupCodeHash: 'h', nested: { pickupCode: '1234', keep: 1 } }, metadata });
    expect(event.body.data).toEqual({ orderId: 'o', nested: { keep: 1 } });
  });
});
