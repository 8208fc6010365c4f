import { DomainError, FULFILMENT_TYPES, InventorySubjects, type CreateFulfilmentRequest, type LocationView } from '@oms/contracts';
import type { RequestContext } from '@oms/messaging';
import { RequestShape } from '@oms/messaging/request-shape';
import type { FulfilmentDeps } from '../fulfilment.deps';
import { findFulfilment } from '../fulfilment-list/fulfilment-list.query';
import type { FulfilmentView } from '../fulfilment.view';

/** API.md's default, for a location inventory no longer knows. */
const DEFAULT_PICKUP_HOLD_HOURS = 72;

const readRequest = (payload: unknown): CreateFulfilmentRequest => {
  const shape = new RequestShape(payload);
  return shape.done({
    fulfilmentId: shape.text('fulfilmentId'),
    orderId: shape.text('orderId'),
    allocationId: shape.text('allocationId'),
    reservationId: shape.text('reservationId'),
    type: shape.oneOf('type', FULFILMENT_TYPES),
    locationId: shape.text('locationId'),
    pickupLocationId: shape.optionalText('pickupLocationId'),
    lines: shape.list('lines', (p) => ({ sku: shape.text(`${p}.sku`), quantity: shape.quantity(`${p}.quantity`) })),
  });
};

/** Order number, customer and address are carried as given: the order service validated them at placement. */
const orderFacts = (payload: unknown): Pick<CreateFulfilmentRequest, 'orderNumber' | 'customer' | 'shipTo'> => {
  const { orderNumber, customer, shipTo } = (payload ?? {}) as CreateFulfilmentRequest;
  const text = (value: unknown) => (typeof value === 'string' && value.length <= 200 ? value : undefined);
  const contact = typeof customer === 'object' && customer !== null ? customer : {};
  return {
    ...(text(orderNumber) ? { orderNumber } : {}),
    customer: Object.fromEntries((['name', 'email', 'phone'] as const).flatMap((k) => (text(contact[k]) ? [[k, contact[k]]] : []))),
    ...(typeof shipTo === 'object' && shipTo !== null ? { shipTo } : {}),
  };
};

/**
 * From the order service, once an allocation is reserved. Idempotent by
 * fulfilmentId: a repeated request answers the existing fulfilment without
 * asking inventory again.
 */
export const createFulfilment = async (deps: FulfilmentDeps, payload: unknown, context: RequestContext): Promise<FulfilmentView> => {
  const request = { ...readRequest(payload), ...orderFacts(payload) };
  const existing = await findFulfilment(deps.runtime.dataSource, request.fulfilmentId);
  if (existing) return existing;
  const now = new Date();
  const pickupHoldHours = await holdHoursAt(deps, request.pickupLocationId ?? request.locationId, context);
  const acceptBy = new Date(now.getTime() + deps.config.acceptWithinHours * 3_600_000).toISOString();
  const { state } = await deps.fulfilments.handle({
    type: 'CreateFulfilment',
    data: { ...request, lines: request.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), pickupHoldHours, acceptBy },
    metadata: { ...context, now: now.toISOString() },
  });
  return (await findFulfilment(deps.runtime.dataSource, state.status === 'none' ? request.fulfilmentId : state.fulfilmentId))!;
};

/** The hold time of the store that hands the goods over; inventory down is a 503 the order service retries. */
const holdHoursAt = async (deps: FulfilmentDeps, locationId: string, context: RequestContext): Promise<number> => {
  try {
    const location = await deps.runtime.request<LocationView>(InventorySubjects.getLocation, { locationId }, context);
    return location.pickupHoldHours ?? DEFAULT_PICKUP_HOLD_HOURS;
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not-found') return DEFAULT_PICKUP_HOLD_HOURS;
    throw error;
  }
};
