import type { RecordedEvent } from '@oms/event-store';
import { tellFulfilmentStory } from './fulfilment.story';

const recorded = (type: string, data: object): RecordedEvent =>
  ({ streamId: 'fulfilment-f-1', version: 2, globalPosition: '1', type, data, metadata: { eventId: 'e', correlationId: 'c-1', actor: 'test', recordedAt: '2026-01-01T00:00:00Z' } }) as RecordedEvent;

describe('Fulfilment story', () => {
  it('tells an expired pickup at its store', () => {
    const story = tellFulfilmentStory(recorded('FulfilmentExpired', { fulfilmentId: 'f-1', orderId: 'o-1', locationId: 'bastille', pickupLocationId: 'bastille' }));
    expect(story).toMatchObject({ message: 'pickup f-1 of order o-1 at bastille expired: not collected in time, its lines cancelled and the stock back', orderId: 'o-1', locationId: 'bastille' });
  });

  it('tells a rejection with its reason', () => {
    const story = tellFulfilmentStory(recorded('FulfilmentRejected', { fulfilmentId: 'f-1', orderId: 'o-1', locationId: 'rivoli', reason: 'no staff' }));
    expect(story?.message).toBe('fulfilment f-1 of order o-1 at rivoli rejected (no staff)');
  });

  it('tells nothing for events that change no state, such as a wrong pickup code', () => {
    expect(tellFulfilmentStory(recorded('PickupCodeRejected', { fulfilmentId: 'f-1', orderId: 'o-1', attempt: 1 }))).toBeUndefined();
  });
});
