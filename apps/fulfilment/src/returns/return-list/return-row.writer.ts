import type { Tx } from '@oms/event-store';
import type { Return } from '../return.decider';
import { returnView } from '../return.view';

/** Keeps the `returns` read model in the transaction of the return's events. */
export const saveReturnRow = async (tx: Tx, state: Return): Promise<void> => {
  await tx.query(
    `insert into returns (return_id, order_id, location_id, status, view) values ($1, $2, $3, $4, $5)
     on conflict (return_id) do update set status = excluded.status, view = excluded.view`,
    [state.returnId, state.orderId, state.locationId, state.status, JSON.stringify(returnView(state))],
  );
};
