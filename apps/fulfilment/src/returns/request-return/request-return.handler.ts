import { randomUUID } from 'node:crypto';
import { OrderSubjects, RETURN_METHODS, type ReturnableLine } from '@oms/contracts';
import type { RequestContext, ServiceRuntime } from '@oms/messaging';
import { RequestShape } from '@oms/messaging/request-shape';
import { ReturnKeyReused } from '../return.errors';
import type { ReturnLine } from '../return.events';
import type { ReturnRepository } from '../return.repository';
import { returnView, type ReturnView } from '../return.view';
import { findReturn, quantitiesInReturn } from '../return-list/return-list.query';

const sumOf = (lines: readonly ReturnLine[], sku: string) => lines.filter((l) => l.sku === sku).reduce((sum, l) => sum + l.quantity, 0);

/** Whether a request asks for the return that exists (lines compared per SKU, as the return records them). */
const sameReturn = (existing: ReturnView, request: { method: string; locationId: string; lines: readonly ReturnLine[] }): boolean =>
  existing.method === request.method &&
  existing.locationId === request.locationId &&
  existing.lines.length === new Set(request.lines.map((l) => l.sku)).size &&
  existing.lines.every((l) => l.quantity === sumOf(request.lines, l.sku));

/**
 * { orderId, lines, method, locationId, returnId? }: asks the order what was
 * fulfilled, takes off what other returns already cover, and lets the
 * decider refuse more than that (422). Idempotent by returnId; the same
 * returnId with another request is 409.
 */
export const requestReturn = async (runtime: ServiceRuntime, returns: ReturnRepository, payload: unknown, context: RequestContext): Promise<ReturnView> => {
  const shape = new RequestShape(payload);
  const request = shape.done({
    returnId: shape.optionalText('returnId') ?? randomUUID(),
    orderId: shape.text('orderId'),
    method: shape.oneOf('method', RETURN_METHODS),
    locationId: shape.text('locationId'),
    lines: shape.list('lines', (p) => ({ sku: shape.text(`${p}.sku`), quantity: shape.integer(`${p}.quantity`, 1, 1000, 0) }), 100),
  });
  const existing = await findReturn(runtime.dataSource, request.returnId);
  if (existing) {
    // As for orders: a retry answers the same return, the same key for another return is a conflict.
    if (!sameReturn(existing, request)) throw new ReturnKeyReused(request.returnId);
    return existing;
  }
  const answer = await runtime.request<readonly ReturnableLine[] | { lines: readonly ReturnableLine[] }>(OrderSubjects.returnable, { orderId: request.orderId }, context);
  const fulfilled = Array.isArray(answer) ? answer : (answer as { lines: readonly ReturnableLine[] }).lines;
  const { open, received } = await quantitiesInReturn(runtime.dataSource, request.orderId, request.returnId);
  // The order's returned count follows ReturnReceived a moment later; whichever is ahead counts.
  const returnable = fulfilled.map((l) => ({ sku: l.sku, quantity: Math.max(0, l.fulfilled - Math.max(l.returned, sumOf(received, l.sku)) - sumOf(open, l.sku)) }));
  const now = new Date().toISOString();
  const state = await returns.handle({ type: 'RequestReturn', data: { ...request, returnable, now }, metadata: { ...context, now } });
  return returnView(state)!;
};
