import type { AlongsideRow } from '@oms/event-store';
import type { Return } from '../return.decider';
import { returnView } from '../return.view';

/** The `returns` read model, written by the statement that appends the return's events. */
export const returnRowOf = (state: Return): AlongsideRow => ({
  table: 'returns',
  columns: {
    return_id: ['text', state.returnId],
    order_id: ['text', state.orderId],
    location_id: ['text', state.locationId],
    status: ['text', state.status],
    view: ['jsonb', JSON.stringify(returnView(state))],
  },
  onConflict: { update: ['return_id'] },
});
