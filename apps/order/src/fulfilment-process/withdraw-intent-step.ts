import type { KnownOrder } from '../orders/order-book';
import type { PlacedOrder } from '../orders/order.state';
import type { FulfilmentStep } from './fulfilment-process.workflow';
import { releaseIntent } from './route-step';
import type { StepContext } from './step-context';

/**
 * Releases whatever the pending intent reserved, then records the withdrawal.
 * A crash in between leaves the intent pending: resumed, its reservation is
 * refused by inventory as already settled, and the next try starts afresh.
 */
export const withdrawIntent = async (order: KnownOrder, step: Extract<FulfilmentStep, { type: 'withdraw-intent' }>, ctx: StepContext): Promise<KnownOrder> => {
  await releaseIntent(step.reservationId, ctx);
  const { orderId } = order.state as PlacedOrder;
  return ctx.record(order, { type: 'WithdrawRoutingIntent', data: { orderId, reservationId: step.reservationId }, metadata: ctx.metadata });
};
