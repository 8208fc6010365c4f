import type { AlongsideRow } from '@oms/event-store';
import type { Fulfilment } from '../fulfilment.state';
import { fulfilmentView } from '../fulfilment.view';

/**
 * The `fulfilments` read model: the view after each change, written by the
 * statement that appends the events, so a read right after a write sees it.
 * Rebuilt by folding each stream and writing its last state.
 */
export const fulfilmentRowOf = (state: Fulfilment): AlongsideRow => ({
  table: 'fulfilments',
  columns: {
    fulfilment_id: ['text', state.fulfilmentId],
    order_id: ['text', state.orderId],
    location_id: ['text', state.locationId],
    pickup_location_id: ['text', state.pickupLocationId],
    type: ['text', state.type],
    status: ['text', state.status],
    created_at: ['timestamptz', state.createdAt],
    view: ['jsonb', JSON.stringify(fulfilmentView(state))],
  },
  onConflict: { update: ['fulfilment_id'] },
});
