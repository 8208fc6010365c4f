import { InventorySubjects, type ReleaseReservation } from '@oms/contracts/inventory.contracts';
import type { KnownOrder } from '../orders/order-book';
import type { PlacedOrder } from '../orders/order.state';
import type { FulfilmentStep } from './fulfilment-process.workflow';
import type { StepContext } from './step-context';

/** Gives back the stock of lines the allocation released, then records that inventory took them back. */
export const releaseReservation = async (order: KnownOrder, step: Extract<FulfilmentStep, { type: 'release-reservation' }>, ctx: StepContext): Promise<KnownOrder> => {
  const state = order.state as PlacedOrder;
  const { allocationId, reservationId, lines } = step;
  const allocation = state.allocations.find((a) => a.allocationId === allocationId)!;
  // Named after what the allocation has given back in all, so a retry of this release is recognised and a later one is not.
  const releaseId = `${allocationId}:released:${allocation.released.map((l) => `${l.sku}=${l.quantity}`).join(',')}`;
  const reason = allocation.releaseReasons[allocation.releaseReasons.length - 1] ?? 'cancelled';
  const command: ReleaseReservation = { type: 'ReleaseReservation', data: { reservationId, lines, reason, releaseId }, metadata: ctx.metadata };
  await ctx.request(InventorySubjects.release, command);
  return ctx.record(order, { type: 'RecordReservationReleased', data: { orderId: state.orderId, allocationId }, metadata: ctx.metadata });
};
