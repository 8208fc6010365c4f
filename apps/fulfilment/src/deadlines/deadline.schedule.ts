import type { AlongsideRow, RecordedEvent } from '@oms/event-store';
import type { FulfilmentEvent } from '../fulfilments/fulfilment.events';

export type DeadlineKind = 'accept-by' | 'pickup-by';

/** Only these types wait for a store to accept; a warehouse is released at once and a ship-to-store source simply ships. */
const ACCEPTED_BY_A_STORE = new Set(['pickup', 'ship-from-store']);

/**
 * The timers an event starts, written by the statement that appends it, so
 * a deadline exists exactly when its event does.
 */
export const deadlineRowsOf = (events: readonly RecordedEvent[]): AlongsideRow[] =>
  events.flatMap((recorded) => {
    const event = recorded as unknown as FulfilmentEvent;
    if (event.type === 'FulfilmentCreated' && ACCEPTED_BY_A_STORE.has(event.data.type)) return [deadlineRow(event.data.fulfilmentId, 'accept-by', event.data.acceptBy)];
    if (event.type === 'FulfilmentReadyForPickup') return [deadlineRow(event.data.fulfilmentId, 'pickup-by', event.data.expiresAt)];
    return [];
  });

const deadlineRow = (fulfilmentId: string, kind: DeadlineKind, dueAt: string): AlongsideRow => ({
  table: 'deadlines',
  columns: { fulfilment_id: ['text', fulfilmentId], kind: ['text', kind], due_at: ['timestamptz', dueAt] },
  onConflict: 'ignore',
});
