import type { KnownOrder } from '../orders/order-book';
import type { PlacedOrder } from '../orders/order.state';
import { cancelFulfilment } from './fulfilment-cancellation';
import type { FulfilmentStep } from './fulfilment-process.workflow';
import type { StepContext } from './step-context';

/**
 * A fulfilment whose allocation holds nothing any more (it was created while
 * its allocation was being cancelled) is cancelled in turn; the order records
 * where it then stands, so the step is never asked for again.
 */
export const cancelFulfilmentStep = async (order: KnownOrder, step: Extract<FulfilmentStep, { type: 'cancel-fulfilment' }>, ctx: StepContext): Promise<KnownOrder> => {
  const { orderId } = order.state as PlacedOrder;
  const { allocationId, fulfilmentId } = step;
  const progress = await cancelFulfilment((subject, payload) => ctx.request(subject, payload), { orderId, allocationId, fulfilmentId }, 'order-cancelled', ctx.metadata);
  return ctx.record(order, progress);
};
