import type { RecordedEvent } from '@oms/event-store';
import { stockEffectsOf } from './stock-effect.queue';

const AT = '2024-05-01T10:00:00.000Z';
const recorded = (type: string, data: object): RecordedEvent =>
  ({ streamId: 's', version: 1, globalPosition: '1', type, data: { at: AT, ...data }, metadata: { eventId: 'e-1', correlationId: 'c-1', actor: 'a', recordedAt: AT } }) as RecordedEvent;
const facts = { fulfilmentId: 'f-1', orderId: 'o-1', allocationId: 'a-1', reservationId: 'o-1:1', locationId: 'lyon-dc' };

describe('Stock effects of fulfilment and return events', () => {
  it('commits what was shipped at the source, once per fulfilment', () => {
    const [effect, ...rest] = stockEffectsOf(recorded('FulfilmentShipped', { ...facts, carrier: 'dhl', trackingNumber: 'T', lines: [{ sku: 'TENT', quantity: 2 }] }));
    expect(rest).toEqual([]);
    expect(effect).toMatchObject({
      effectId: 'f-1:commit',
      command: { type: 'CommitReservation', data: { reservationId: 'o-1:1', commitId: 'f-1:commit', lines: [{ locationId: 'lyon-dc', sku: 'TENT', quantity: 2 }] } },
    });
  });

  it('commits a collected pickup, but not a ship-to-store parcel already committed when shipped', () => {
    const collected = (stockCommitted: boolean) => recorded('FulfilmentCollected', { ...facts, pickupLocationId: 'paris', lines: [{ sku: 'TENT', quantity: 1 }], stockCommitted });
    expect(stockEffectsOf(collected(false))).toHaveLength(1);
    expect(stockEffectsOf(collected(true))).toEqual([]);
  });

  it('restocks an expired ship-to-store parcel at the pickup store, and leaves an uncommitted pickup to the order’s release', () => {
    const expired = (stockCommitted: boolean) =>
      recorded('FulfilmentExpired', { ...facts, pickupLocationId: 'paris', expiresAt: AT, lines: [{ sku: 'TENT', quantity: 1 }], stockCommitted });
    expect(stockEffectsOf(expired(true))).toMatchObject([{ kind: 'restock', command: { data: { locationId: 'paris', sku: 'TENT', quantity: 1 } } }]);
    expect(stockEffectsOf(expired(false))).toEqual([]);
  });

  it('restocks only the sellable part of a return, at the receiving location', () => {
    const effects = stockEffectsOf(recorded('ReturnReceived', { returnId: 'r-1', orderId: 'o-1', locationId: 'lyon', sellable: [{ sku: 'MAT', quantity: 1 }], damaged: [{ sku: 'TENT', quantity: 1 }] }));
    expect(effects).toMatchObject([{ effectId: 'r-1:MAT', command: { type: 'RestockGoods', data: { restockId: 'r-1:MAT', locationId: 'lyon', sku: 'MAT', quantity: 1 } } }]);
  });

  describe('store rejections', () => {
    const rejected = (code: string | undefined, extra: object = {}) =>
      recorded('FulfilmentRejected', { ...facts, locationId: 'paris', reason: 'r', ...(code ? { code } : {}), rerouteLines: [{ sku: 'TENT', quantity: 2 }], ...extra });

    it('counts a SKU not found to 0 at the store, once per fulfilment and SKU', () =>
      expect(stockEffectsOf(rejected('not-found'))).toEqual([
        { effectId: 'f-1:not-found:TENT', kind: 'count', subject: 'inventory.stock.count.v1', command: { locationId: 'paris', sku: 'TENT', onHand: 0, countId: 'f-1:not-found:TENT' }, correlationId: 'c-1' },
      ]));

    it('counts nothing again for the work a not-found rejection cascades to', () => expect(stockEffectsOf(rejected('not-found', { cascadedFrom: 'f-0' }))).toEqual([]));

    it('writes off the damaged quantity, also when only some lines are rejected', () =>
      expect(stockEffectsOf(recorded('FulfilmentLinesRejected', { ...facts, locationId: 'paris', reason: 'r', code: 'damaged', rerouteLines: [{ sku: 'TENT', quantity: 1 }] }))).toMatchObject([
        { effectId: 'e-1:damaged:TENT', kind: 'adjust', command: { locationId: 'paris', sku: 'TENT', delta: -1, adjustmentId: 'e-1:damaged:TENT' } },
      ]));

    it('changes no stock for the other codes', () => {
      for (const code of [undefined, 'no-capacity', 'customer-request', 'other']) expect(stockEffectsOf(rejected(code))).toEqual([]);
    });
  });

  it('asks nothing of inventory for other events', () => expect(stockEffectsOf(recorded('FulfilmentAccepted', facts))).toEqual([]));
});
