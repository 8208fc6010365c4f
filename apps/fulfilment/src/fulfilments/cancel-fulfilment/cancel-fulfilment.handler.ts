import type { RequestContext } from '@oms/messaging';
import { RequestShape } from '@oms/messaging/request-shape';
import type { FulfilmentDeps } from '../fulfilment.deps';
import { fulfilmentView, type FulfilmentView } from '../fulfilment.view';

/** From the order service when the order (or the allocation's lines) is cancelled. Idempotent: a finished fulfilment stays as it is. */
export const cancelFulfilment = async (deps: FulfilmentDeps, payload: unknown, context: RequestContext): Promise<FulfilmentView> => {
  const shape = new RequestShape(payload);
  const data = shape.done({ fulfilmentId: shape.text('fulfilmentId'), reason: shape.text('reason') });
  const { state } = await deps.fulfilments.handle({ type: 'CancelFulfilment', data, metadata: { ...context, now: new Date().toISOString() } });
  return fulfilmentView(state)!;
};
