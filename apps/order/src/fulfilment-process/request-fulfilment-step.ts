import { FulfilmentSubjects, type CreateFulfilmentRequest, type FulfilmentView } from '@oms/contracts/fulfilment.contracts';
import type { KnownOrder } from '../orders/order-book';
import type { PlacedOrder } from '../orders/order.state';
import type { FulfilmentStep } from './fulfilment-process.workflow';
import type { StepContext } from './step-context';

export const fulfilmentIdOf = (allocationId: string): string => `ful-${allocationId}`;

/** Creates the allocation's fulfilment (idempotent by its id, derived from the allocation's) and records it on the order. */
export const requestFulfilment = async (order: KnownOrder, step: Extract<FulfilmentStep, { type: 'request-fulfilment' }>, ctx: StepContext): Promise<KnownOrder> => {
  const state = order.state as PlacedOrder;
  const { orderId } = state;
  const { allocationId, reservationId, locationId, method, lines, dueBy } = step.allocation;
  const fulfilmentId = fulfilmentIdOf(allocationId);
  const { name, email, phone } = state.customer;
  const request: CreateFulfilmentRequest = {
    fulfilmentId, orderId, allocationId, reservationId, type: method, locationId, lines,
    ...(method === 'ship-to-store' && state.delivery.method === 'pickup' ? { pickupLocationId: state.delivery.locationId } : {}),
    ...(dueBy === undefined ? {} : { dueBy }),
    // What the store's counter or the parcel label needs, so the fulfilment service never asks the order for it.
    ...(state.orderNumber ? { orderNumber: state.orderNumber } : {}),
    customer: { ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
    ...(state.delivery.method === 'ship' ? { shipTo: state.delivery.address } : {}),
  };
  const created = await ctx.request<FulfilmentView>(FulfilmentSubjects.create, request);
  // Released at once (a warehouse's): recorded with the request, its FulfilmentReleased then finds nothing to add. Only that
  // status is taken from the answer: any later one (a repeated request of a fulfilment since cancelled) comes with its own event.
  const released = created.status === 'released' ? { status: 'released' as const } : {};
  return ctx.record(order, { type: 'RecordFulfilmentRequested', data: { orderId, allocationId, fulfilmentId, ...released }, metadata: ctx.metadata });
};
