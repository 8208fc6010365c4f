import type { MessageMetadata } from '@oms/contracts';
import { fold } from '@oms/event-store/decider';
import { fulfilmentDecider } from './fulfilment.decider';
import type { FulfilmentEvent } from './fulfilment.events';
import { fulfilmentView } from './fulfilment.view';

const meta = (now: string): MessageMetadata => ({ correlationId: 'c', actor: 'test', now });
const decideAll = (commands: Parameters<typeof fulfilmentDecider.decide>[0][]): FulfilmentEvent[] =>
  commands.reduce<FulfilmentEvent[]>((events, command) => [...events, ...fulfilmentDecider.decide(command, fold(fulfilmentDecider, events))], []);

const createShipToStore = {
  type: 'CreateFulfilment' as const,
  data: {
    fulfilmentId: 'f-9', orderId: 'o-9', allocationId: 'a-9', reservationId: 'r-9', type: 'ship-to-store' as const,
    locationId: 'lyon-dc', pickupLocationId: 'paris-rivoli', lines: [{ sku: 'TENT-2P', quantity: 1 }], pickupHoldHours: 48, acceptBy: '2024-05-02T08:00:00.000Z',
  },
  metadata: meta('2024-05-01T08:00:00.000Z'),
};

describe('Fulfilment view', () => {
  it('is null for a fulfilment that does not exist', () => expect(fulfilmentView(fulfilmentDecider.initialState)).toBeNull());

  it('shows a ready ship-to-store as the API does, with both stores and without the code hash', () => {
    const events = decideAll([
      createShipToStore,
      { type: 'ShipFulfilment', data: { fulfilmentId: 'f-9', carrier: 'DHL', trackingNumber: 'TRK-9' }, metadata: meta('2024-05-01T09:00:00.000Z') },
      { type: 'ReceiveFulfilment', data: { fulfilmentId: 'f-9' }, metadata: meta('2024-05-02T09:00:00.000Z') },
      { type: 'MarkReadyForPickup', data: { fulfilmentId: 'f-9', pickupCodeHash: 'secret-hash' }, metadata: meta('2024-05-02T10:00:00.000Z') },
    ]);
    const view = fulfilmentView(fold(fulfilmentDecider, events));
    expect(view).toEqual({
      fulfilmentId: 'f-9',
      orderId: 'o-9',
      allocationId: 'a-9',
      customer: {},
      locationId: 'lyon-dc',
      pickupLocationId: 'paris-rivoli',
      type: 'ship-to-store',
      status: 'ready_for_pickup',
      lines: [{ sku: 'TENT-2P', quantity: 1, picked: 1 }],
      pickup: { readyAt: '2024-05-02T10:00:00.000Z', expiresAt: '2024-05-04T10:00:00.000Z' },
      shipment: { carrier: 'DHL', trackingNumber: 'TRK-9', shippedAt: '2024-05-01T09:00:00.000Z', deliveredAt: null },
      acceptBy: '2024-05-02T08:00:00.000Z',
      pickupCodeAttemptsLeft: 5,
      createdAt: '2024-05-01T08:00:00.000Z',
      updatedAt: '2024-05-02T10:00:00.000Z',
      history: [
        { status: 'created', at: '2024-05-01T08:00:00.000Z' },
        { status: 'shipped', at: '2024-05-01T09:00:00.000Z' },
        { status: 'received', at: '2024-05-02T09:00:00.000Z' },
        { status: 'ready_for_pickup', at: '2024-05-02T10:00:00.000Z' },
      ],
    });
    expect(JSON.stringify(view)).not.toContain('secret-hash');
  });

  it('has no pickup location, pickup window or shipment for a fresh pickup', () => {
    const events = decideAll([{ ...createShipToStore, data: { ...createShipToStore.data, type: 'pickup' as const, locationId: 'paris-rivoli' } }]);
    const view = fulfilmentView(fold(fulfilmentDecider, events));
    expect(view).toMatchObject({ type: 'pickup', status: 'created', pickup: null, shipment: null, lines: [{ sku: 'TENT-2P', quantity: 1, picked: 0 }] });
    expect(view).not.toHaveProperty('pickupLocationId');
  });
});
