import type { Tx } from '@oms/event-store';
import type { Fulfilment } from '../fulfilment.state';
import { fulfilmentView } from '../fulfilment.view';

/**
 * Keeps the `fulfilments` read model: the view after each change, written in
 * the same transaction as the events, so a read right after a write sees it.
 * Rebuilt by folding each stream and writing its last state.
 */
export const saveFulfilmentRow = async (tx: Tx, state: Fulfilment): Promise<void> => {
  await tx.query(
    `insert into fulfilments (fulfilment_id, order_id, location_id, pickup_location_id, type, status, created_at, view)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (fulfilment_id) do update set status = excluded.status, view = excluded.view`,
    [state.fulfilmentId, state.orderId, state.locationId, state.pickupLocationId, state.type, state.status, state.createdAt, JSON.stringify(fulfilmentView(state))],
  );
};
