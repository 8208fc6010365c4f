import type { EventStore } from './event-store';
import type { Message } from '@oms/contracts';
import type { RecordedEvent } from './recorded-event';

/**
 * A stream's state as it stood at an instant: the events recorded by then,
 * folded with the same evolve as the live state, so the past is never a
 * second implementation. `events` is 0 when the stream did not exist yet.
 */
export const stateAsOf = async <S, E extends Message = Message>(
  store: EventStore,
  streamId: string,
  at: string,
  initial: S,
  evolve: (state: S, event: RecordedEvent<E>) => S,
): Promise<{ state: S; events: number }> => {
  const events = await store.readStreamUntil<E>(streamId, at);
  return { state: events.reduce(evolve, initial), events: events.length };
};
