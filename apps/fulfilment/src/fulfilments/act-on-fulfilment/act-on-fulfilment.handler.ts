import { FULFILMENT_ACTIONS, ROLES, type ActingCaller } from '@oms/contracts';
import type { RequestContext } from '@oms/messaging';
import { RequestShape } from '@oms/messaging/request-shape';
import { collectOutcome, MAX_PICKUP_CODE_ATTEMPTS } from '../fulfilment.decider';
import type { FulfilmentDeps } from '../fulfilment.deps';
import { FulfilmentNotFound, PickupCodeLocked, WrongPickupCode } from '../fulfilment.errors';
import { fulfilmentView, type FulfilmentView } from '../fulfilment.view';
import { findFulfilment } from '../fulfilment-list/fulfilment-list.query';
import { commandFor, ensureMayAct } from './fulfilment-action';
import { rejectNotFoundElsewhere } from './not-found-cascade';

/**
 * A store or logistics action: { fulfilmentId, action, body, caller }.
 * Answers the fulfilment after it; a repeated action answers it unchanged.
 */
export const actOnFulfilment = async (deps: FulfilmentDeps, payload: unknown, context: RequestContext): Promise<FulfilmentView> => {
  const shape = new RequestShape(payload);
  const { fulfilmentId, action, caller } = shape.done({
    fulfilmentId: shape.text('fulfilmentId'),
    action: shape.oneOf('action', FULFILMENT_ACTIONS),
    caller: { role: shape.oneOf('caller.role', ROLES), locationId: shape.optionalText('caller.locationId'), name: shape.text('caller.name') } as ActingCaller,
  });
  const current = await findFulfilment(deps.runtime.dataSource, fulfilmentId);
  if (!current) throw new FulfilmentNotFound(fulfilmentId);
  ensureMayAct(caller, action, current);

  let pickupCode: string | undefined;
  const command = commandFor(action, (payload as { body?: unknown }).body, {
    fulfilmentId,
    metadata: { correlationId: context.correlationId, actor: caller.name, now: new Date().toISOString() },
    hashOf: (code) => deps.vault.hash(code),
    newCodeHash: () => deps.vault.hash((pickupCode = deps.vault.draw())),
  });
  const { state, events } = await deps.fulfilments.handle(command, async (tx, _state, appended) => {
    // The code is kept only with the event that carries its hash: a retried "ready" keeps the first code.
    if (pickupCode && appended.some((e) => e.type === 'FulfilmentReadyForPickup')) await deps.vault.keep(tx, fulfilmentId, pickupCode);
    await rejectNotFoundElsewhere(tx, deps.fulfilments, appended, command.metadata);
  });
  if (action === 'collect') {
    const outcome = collectOutcome(events);
    if (outcome === 'locked') throw new PickupCodeLocked(fulfilmentId);
    if (outcome === 'wrong-code') {
      const failed = state.status === 'none' ? 0 : (state.pickup?.failedAttempts ?? 0);
      throw new WrongPickupCode(fulfilmentId, MAX_PICKUP_CODE_ATTEMPTS - failed);
    }
  }
  return fulfilmentView(state)!;
};
