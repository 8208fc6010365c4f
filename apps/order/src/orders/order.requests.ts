import { DomainError, stampMetadata, type FieldError, type MessageMetadata } from '@oms/contracts';
import { DELIVERY_SPEEDS, ORDER_STATUSES, repeatedSkus, SALES_CHANNELS, type CancelOrderRequest, type ListOrdersRequest, type PlaceOrderRequest } from '@oms/contracts/order.contracts';
import type { RequestContext } from '@oms/messaging';
import { RequestShape } from '@oms/messaging/request-shape';
import { createHash } from 'node:crypto';
import type { PlaceOrder } from './order.commands';
import type { Delivery, SalesChannel } from './order.events';
import type { OrderStatus } from './order.state';

/** A NATS request whose shape is wrong: the gateway validates first, this guards the service's own door. */
export class InvalidOrderRequest extends DomainError {
  constructor(errors: readonly FieldError[]) {
    super('ORDER.INVALID_REQUEST', 'validation', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
  }
}


const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= 200;
const isCount = (value: unknown, max: number): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;

/** The request with defaults applied, in a fixed key order: its hash tells a retry from a different order under the same key. */
/** A placement as the handler takes it: checked, with defaults, hashed and stamped; the number is drawn by the handler. */
export type PlaceOrderInput = Omit<PlaceOrder['data'], 'orderId' | 'orderNumber'> & { readonly metadata: MessageMetadata };

export const placeOrderFrom = (payload: PlaceOrderRequest, context: RequestContext): PlaceOrderInput => {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  const p = (payload ?? {}) as Partial<PlaceOrderRequest>;
  if (!isText(p.idempotencyKey)) fail('idempotencyKey', 'is required');
  if (!SALES_CHANNELS.includes(p.channel as SalesChannel)) fail('channel', `must be one of ${SALES_CHANNELS.join(', ')}`);
  if (!isText(p.customer?.id)) fail('customer.id', 'is required');
  for (const field of ['email', 'name', 'phone'] as const)
    if (p.customer?.[field] !== undefined && !isText(p.customer[field])) fail(`customer.${field}`, 'must be a non-empty string of at most 200 characters');
  const lines = Array.isArray(p.lines) ? p.lines : [];
  if (lines.length < 1 || lines.length > 100) fail('lines', 'must hold 1 to 100 lines');
  const repeated = new Set(repeatedSkus(lines));
  lines.forEach((line, i) => {
    if (!isText(line?.sku)) fail(`lines.${i}.sku`, 'is required');
    else if (repeated.has(i)) fail(`lines.${i}.sku`, 'each SKU may appear once');
    if (!isCount(line?.quantity, 1000)) fail(`lines.${i}.quantity`, 'must be an integer from 1 to 1000');
    if (!Number.isInteger(line?.unitPrice?.amount) || line.unitPrice.amount < 0) fail(`lines.${i}.unitPrice.amount`, 'must be a non-negative integer');
    if (!/^[A-Z]{3}$/.test(String(line?.unitPrice?.currency))) fail(`lines.${i}.unitPrice.currency`, 'must be a 3-letter currency code');
  });
  const currencies = new Set(lines.map((line) => line?.unitPrice?.currency));
  if (currencies.size > 1) fail('lines', 'must all be priced in one currency');
  const d = p.delivery as Partial<Record<string, any>> | undefined;
  let delivery: Delivery | undefined;
  if (d?.method === 'pickup') {
    if (!isText(d.locationId)) fail('delivery.locationId', 'is required');
    delivery = { method: 'pickup', locationId: d.locationId };
  } else if (d?.method === 'ship') {
    const a = d.address ?? {};
    for (const field of ['line1', 'city', 'postalCode']) if (!isText(a[field])) fail(`delivery.address.${field}`, 'is required');
    if (!/^[A-Z]{2}$/.test(String(a.country))) fail('delivery.address.country', 'must be a 2-letter country code');
    const speed = d.speed ?? 'standard';
    if (!(DELIVERY_SPEEDS as readonly unknown[]).includes(speed)) fail('delivery.speed', `must be one of ${DELIVERY_SPEEDS.join(', ')}`);
    // Which stores reach the door is known only from its position.
    if (speed === 'rapid' && !(typeof a.lat === 'number' && typeof a.lon === 'number')) fail('delivery.address.lat', 'and lon are required for rapid delivery');
    const address = {
      line1: a.line1, ...(a.line2 === undefined ? {} : { line2: a.line2 }), city: a.city, postalCode: a.postalCode, country: a.country,
      ...(typeof a.lat === 'number' && typeof a.lon === 'number' ? { lat: a.lat, lon: a.lon } : {}),
    };
    delivery = { method: 'ship', speed, address };
  } else fail('delivery.method', 'must be ship or pickup');
  if (p.allowSplit !== undefined && typeof p.allowSplit !== 'boolean') fail('allowSplit', 'must be true or false');
  if (errors.length > 0) throw new InvalidOrderRequest(errors);

  const body = {
    channel: p.channel as SalesChannel,
    customer: {
      id: p.customer!.id,
      ...(p.customer!.email === undefined ? {} : { email: p.customer!.email }),
      ...(p.customer!.name === undefined ? {} : { name: p.customer!.name }),
      ...(p.customer!.phone === undefined ? {} : { phone: p.customer!.phone }),
    },
    lines: lines.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice: { amount: unitPrice.amount, currency: unitPrice.currency } })),
    delivery: delivery!,
    allowSplit: p.allowSplit ?? true,
  };
  const bodyHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return { idempotencyKey: p.idempotencyKey!, bodyHash, ...body, metadata: stampMetadata(context) };
};

export const orderIdFrom = (payload: unknown): string => {
  const orderId = (payload as { orderId?: unknown } | null)?.orderId;
  if (!isText(orderId)) throw new InvalidOrderRequest([{ path: 'orderId', message: 'is required' }]);
  return orderId;
};

/** { orderId, asOf? }: the gateway has checked asOf is a past instant. */
export const orderReadFrom = (payload: unknown): { orderId: string; asOf?: string } => {
  const shape = new RequestShape(payload);
  return shape.done({ orderId: shape.text('orderId'), asOf: shape.optionalInstant('asOf') });
};

const isTime = (value: unknown): value is string => typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));

export const listOrdersFrom = (payload: ListOrdersRequest | null): Omit<ListOrdersRequest, 'limit'> & { limit: number } => {
  const { q, customerId, status, channel, locationId, placedFrom, placedTo, limit = 50, cursor } = payload ?? {};
  const errors: FieldError[] = [];
  if (q !== undefined && !isText(q)) errors.push({ path: 'q', message: 'must be a non-empty string' });
  if (channel !== undefined && !SALES_CHANNELS.includes(channel as SalesChannel)) errors.push({ path: 'channel', message: `must be one of ${SALES_CHANNELS.join(', ')}` });
  if (placedFrom !== undefined && !isTime(placedFrom)) errors.push({ path: 'placedFrom', message: 'must be an ISO 8601 time' });
  if (placedTo !== undefined && !isTime(placedTo)) errors.push({ path: 'placedTo', message: 'must be an ISO 8601 time' });
  if (customerId !== undefined && !isText(customerId)) errors.push({ path: 'customerId', message: 'must be a non-empty string' });
  if (locationId !== undefined && !isText(locationId)) errors.push({ path: 'locationId', message: 'must be a non-empty string' });
  if (status !== undefined && !ORDER_STATUSES.includes(status as OrderStatus)) errors.push({ path: 'status', message: `must be one of ${ORDER_STATUSES.join(', ')}` });
  if (!isCount(limit, 200)) errors.push({ path: 'limit', message: 'must be an integer from 1 to 200' });
  if (cursor !== undefined && !isText(cursor)) errors.push({ path: 'cursor', message: 'must be a cursor from a previous page' });
  if (errors.length > 0) throw new InvalidOrderRequest(errors);
  return { q: q?.trim(), customerId, status, channel, locationId, placedFrom, placedTo, limit, cursor };
};

export const cancelOrderFrom = (payload: CancelOrderRequest | null): CancelOrderRequest => {
  const errors: FieldError[] = [];
  const orderId = payload?.orderId;
  if (!isText(orderId)) errors.push({ path: 'orderId', message: 'is required' });
  if (!isText(payload?.reason)) errors.push({ path: 'reason', message: 'is required' });
  const lines = payload?.lines;
  if (lines !== undefined) {
    if (!Array.isArray(lines) || lines.length === 0) errors.push({ path: 'lines', message: 'must be a non-empty list when given' });
    else
      lines.forEach((line, i) => {
        if (!isText(line?.sku)) errors.push({ path: `lines.${i}.sku`, message: 'is required' });
        if (!isCount(line?.quantity, 1000)) errors.push({ path: `lines.${i}.quantity`, message: 'must be an integer from 1 to 1000' });
      });
  }
  if (errors.length > 0) throw new InvalidOrderRequest(errors);
  return { orderId: orderId!, reason: payload!.reason, ...(lines ? { lines: lines.map(({ sku, quantity }) => ({ sku, quantity })) } : {}) };
};
