import { FULFILMENT_ACTIONS, FULFILMENT_STATUSES, FULFILMENT_TYPES, RETURN_CONDITIONS, RETURN_METHODS, ROLES, type ActingCaller, type CreateFulfilmentRequest } from '@oms/contracts';
import { RequestShape } from '@oms/messaging/request-shape';
import { randomUUID } from 'node:crypto';

/**
 * The shapes of the service's NATS requests, checked at its door: the gateway
 * validates first, these guard what other services send. The rules are the
 * deciders'.
 */

/** The acting caller the gateway forwards; absent on service-to-service requests. */
const callerOf = (payload: unknown): ActingCaller | undefined => (payload as { caller?: ActingCaller } | null)?.caller;

/** Order number, customer and address are carried as given: the order service validated them at placement. */
const orderFactsOf = (payload: unknown): Pick<CreateFulfilmentRequest, 'orderNumber' | 'customer' | 'shipTo'> => {
  const { orderNumber, customer, shipTo } = (payload ?? {}) as CreateFulfilmentRequest;
  const text = (value: unknown) => (typeof value === 'string' && value.length <= 200 ? value : undefined);
  const contact = typeof customer === 'object' && customer !== null ? customer : {};
  return {
    ...(text(orderNumber) ? { orderNumber } : {}),
    customer: Object.fromEntries((['name', 'email', 'phone'] as const).flatMap((k) => (text(contact[k]) ? [[k, contact[k]]] : []))),
    ...(typeof shipTo === 'object' && shipTo !== null ? { shipTo } : {}),
  };
};

export const createFulfilmentFrom = (payload: unknown): CreateFulfilmentRequest => ({ ...createShapeOf(payload), ...orderFactsOf(payload) });

const createShapeOf = (payload: unknown): CreateFulfilmentRequest => {
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
    ...dueByOf(shape),
  });
};

/** When the work is due, from the order's promise; absent from senders that predate it. */
const dueByOf = (shape: RequestShape): { dueBy?: string } => {
  const dueBy = shape.optionalText('dueBy');
  if (dueBy !== undefined && Number.isNaN(Date.parse(dueBy))) shape.problem('dueBy', 'must be an ISO 8601 time');
  return dueBy === undefined || Number.isNaN(Date.parse(dueBy)) ? {} : { dueBy: new Date(Date.parse(dueBy)).toISOString() };
};

export const cancelFulfilmentFrom = (payload: unknown): { fulfilmentId: string; reason: string } => {
  const shape = new RequestShape(payload);
  return shape.done({ fulfilmentId: shape.text('fulfilmentId'), reason: shape.text('reason') });
};

/** { fulfilmentId, action, body, caller }: the body is read with the action's command. */
export const fulfilmentActionFrom = (payload: unknown) => {
  const shape = new RequestShape(payload);
  return shape.done({
    fulfilmentId: shape.text('fulfilmentId'),
    action: shape.oneOf('action', FULFILMENT_ACTIONS),
    caller: { role: shape.oneOf('caller.role', ROLES), locationId: shape.optionalText('caller.locationId'), name: shape.text('caller.name') } as ActingCaller,
    body: (payload as { body?: unknown }).body,
  });
};

/** { fulfilmentId, asOf?, caller? }: the gateway has checked asOf is a past instant. */
export const fulfilmentReadFrom = (payload: unknown): { fulfilmentId: string; asOf?: string; caller?: ActingCaller } => {
  const shape = new RequestShape(payload);
  const request = shape.done({ fulfilmentId: shape.text('fulfilmentId'), asOf: shape.optionalInstant('asOf') });
  return { ...request, caller: callerOf(payload) };
};

/** { locationId?, status?, type?, orderId?, limit? (1..200, 50), cursor?, caller? }. */
export const fulfilmentListFrom = (payload: unknown) => {
  const shape = new RequestShape(payload ?? {});
  const filter = shape.done({
    locationId: shape.optionalText('locationId'),
    status: shape.optionalOneOf('status', FULFILMENT_STATUSES),
    type: shape.optionalOneOf('type', FULFILMENT_TYPES),
    orderId: shape.optionalText('orderId'),
    cursor: shape.optionalText('cursor'),
    limit: shape.integer('limit', 1, 200, 50),
  });
  return { filter, caller: callerOf(payload) };
};

/** { orderId } or { fulfilmentIds }, with the caller. */
export const pickupCodesFrom = (payload: unknown) => {
  const shape = new RequestShape(payload ?? {});
  const request = shape.done({
    orderId: shape.optionalText('orderId'),
    fulfilmentIds: shape.optionalList('fulfilmentIds', (p) => shape.text(p), 200),
    callerRole: shape.optionalOneOf('caller.role', ROLES),
  });
  return { orderId: request.orderId, fulfilmentIds: request.fulfilmentIds, caller: callerOf(payload) };
};

/** { orderId, lines, method, locationId, returnId? }: a return without an id gets one. */
export const requestReturnFrom = (payload: unknown) => {
  const shape = new RequestShape(payload);
  return shape.done({
    returnId: shape.optionalText('returnId') ?? randomUUID(),
    orderId: shape.text('orderId'),
    method: shape.oneOf('method', RETURN_METHODS),
    locationId: shape.text('locationId'),
    lines: shape.list('lines', (p) => ({ sku: shape.text(`${p}.sku`), quantity: shape.integer(`${p}.quantity`, 1, 1000, 0) }), 100),
  });
};

/** { returnId, lines: [{ sku, quantity, condition }], caller }. */
export const receiveReturnFrom = (payload: unknown) => {
  const shape = new RequestShape(payload);
  const request = shape.done({
    returnId: shape.text('returnId'),
    lines: shape.list(
      'lines',
      (p) => ({ sku: shape.text(`${p}.sku`), quantity: shape.integer(`${p}.quantity`, 1, 1000, 0), condition: shape.oneOf(`${p}.condition`, RETURN_CONDITIONS) }),
      200,
    ),
  });
  return { ...request, caller: callerOf(payload) };
};

export const returnIdFrom = (payload: unknown): { returnId: string; caller?: ActingCaller } => {
  const shape = new RequestShape(payload);
  return { returnId: shape.done(shape.text('returnId')), caller: callerOf(payload) };
};

/** { fulfilmentId, caller }: a new pickup code. */
export const redrawPickupCodeFrom = (payload: unknown): { fulfilmentId: string; caller: ActingCaller } => {
  const shape = new RequestShape(payload);
  return shape.done({
    fulfilmentId: shape.text('fulfilmentId'),
    caller: { role: shape.oneOf('caller.role', ROLES), name: shape.text('caller.name') } as ActingCaller,
  });
};
