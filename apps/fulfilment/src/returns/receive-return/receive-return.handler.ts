import { RETURN_CONDITIONS, type ActingCaller } from '@oms/contracts';
import type { RequestContext, ServiceRuntime } from '@oms/messaging';
import { RequestShape } from '@oms/messaging/request-shape';
import { NotAllowedOnReturn, ReturnNotFound } from '../return.errors';
import type { ReturnRepository } from '../return.repository';
import { returnView, type ReturnView } from '../return.view';
import { findReturn } from '../return-list/return-list.query';

/**
 * { returnId, lines: [{ sku, quantity, condition }], caller }: a store key
 * receives only returns brought to its own location. Sellable goods are
 * restocked there (queued with the event), damaged ones written off.
 */
export const receiveReturn = async (runtime: ServiceRuntime, returns: ReturnRepository, payload: unknown, context: RequestContext): Promise<ReturnView> => {
  const shape = new RequestShape(payload);
  const request = shape.done({
    returnId: shape.text('returnId'),
    lines: shape.list(
      'lines',
      (p) => ({ sku: shape.text(`${p}.sku`), quantity: shape.integer(`${p}.quantity`, 1, 1000, 0), condition: shape.oneOf(`${p}.condition`, RETURN_CONDITIONS) }),
      200,
    ),
  });
  const current = await findReturn(runtime.dataSource, request.returnId);
  if (!current) throw new ReturnNotFound(request.returnId);
  const caller = (payload as { caller?: ActingCaller }).caller;
  if (caller?.role === 'store' && caller.locationId !== current.locationId)
    throw new NotAllowedOnReturn(request.returnId, `it is received at ${current.locationId}, not ${caller.locationId}`);
  const now = new Date().toISOString();
  const state = await returns.handle({ type: 'ReceiveReturn', data: { ...request, now }, metadata: { ...context, actor: caller?.name ?? context.actor, now } });
  return returnView(state)!;
};
