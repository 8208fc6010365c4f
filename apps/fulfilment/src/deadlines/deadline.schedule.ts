import type { RecordedEvent, Tx } from '@oms/event-store';
import type { FulfilmentEvent } from '../fulfilments/fulfilment.events';

export type DeadlineKind = 'accept-by' | 'pickup-by';

/** Only these types wait for a store to accept; a warehouse is released at once and a ship-to-store source simply ships. */
const ACCEPTED_BY_A_STORE = new Set(['pickup', 'ship-from-store']);

/**
 * Writes the timers an event starts, in the transaction that appends it, so
 * a deadline exists exactly when its event does.
 */
export const scheduleDeadlines = async (tx: Tx, events: readonly RecordedEvent[]): Promise<void> => {
  for (const recorded of events) {
    const event = recorded as unknown as FulfilmentEvent;
    if (event.type === 'FulfilmentCreated' && ACCEPTED_BY_A_STORE.has(event.data.type)) await schedule(tx, event.data.fulfilmentId, 'accept-by', event.data.acceptBy);
    if (event.type === 'FulfilmentReadyForPickup') await schedule(tx, event.data.fulfilmentId, 'pickup-by', event.data.expiresAt);
  }
};

const schedule = (tx: Tx, fulfilmentId: string, kind: DeadlineKind, dueAt: string) =>
  tx.query(`insert into deadlines (fulfilment_id, kind, due_at) values ($1, $2, $3) on conflict do nothing`, [fulfilmentId, kind, dueAt]);
