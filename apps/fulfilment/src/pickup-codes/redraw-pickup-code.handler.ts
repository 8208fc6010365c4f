import { ROLES, type ActingCaller } from '@oms/contracts';
import type { RequestContext } from '@oms/messaging';
import { RequestShape } from '@oms/messaging/request-shape';
import type { FulfilmentDeps } from '../fulfilments/fulfilment.deps';
import { NotAllowedOnFulfilment } from '../fulfilments/fulfilment.errors';
import { fulfilmentView, type FulfilmentView } from '../fulfilments/fulfilment.view';

/** Checkout gives the customer the new code; customer service may do it for them. */
const MAY_REDRAW = new Set(['admin', 'checkout']);

/**
 * { fulfilmentId, caller }: a new code for a ready pickup. The old code stops
 * working and a locked pickup is unlocked; the answer holds no code (the order shows it).
 */
export const redrawPickupCode = async (deps: FulfilmentDeps, payload: unknown, context: RequestContext): Promise<FulfilmentView> => {
  const shape = new RequestShape(payload);
  const { fulfilmentId, caller } = shape.done({
    fulfilmentId: shape.text('fulfilmentId'),
    caller: { role: shape.oneOf('caller.role', ROLES), name: shape.text('caller.name') } as ActingCaller,
  });
  if (!MAY_REDRAW.has(caller.role)) throw new NotAllowedOnFulfilment(fulfilmentId, `the ${caller.role} role may not draw pickup codes`);
  const code = deps.vault.draw();
  const { state } = await deps.fulfilments.handle(
    { type: 'RedrawPickupCode', data: { fulfilmentId, pickupCodeHash: deps.vault.hash(code) }, metadata: { correlationId: context.correlationId, actor: caller.name, now: new Date().toISOString() } },
    async (tx, _state, appended) => {
      if (appended.some((e) => e.type === 'PickupCodeRedrawn')) await deps.vault.keep(tx, fulfilmentId, code, true);
    },
  );
  return fulfilmentView(state)!;
};
