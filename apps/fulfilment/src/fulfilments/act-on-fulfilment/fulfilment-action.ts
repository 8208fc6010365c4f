import { FULFILMENT_ACTIONS, REJECT_CODES, type ActingCaller, type FulfilmentAction, type MessageMetadata } from '@oms/contracts';
import { RequestShape } from '@oms/messaging/request-shape';
import type { FulfilmentCommand } from '../fulfilment.commands';
import { NotAllowedOnFulfilment } from '../fulfilment.errors';
import type { FulfilmentView } from '../fulfilment.view';


/** Logistics records what carriers do; stores do the rest at their own counters (admin may do anything). */
const ALLOWED: Record<ActingCaller['role'], readonly FulfilmentAction[]> = {
  admin: FULFILMENT_ACTIONS,
  store: ['accept', 'reject', 'pick', 'ready', 'collect', 'ship', 'receive'],
  logistics: ['ship', 'deliver'],
  checkout: [],
};

/** A store key acts only where the goods are: the source location, or the pickup store of a ship-to-store parcel. */
export const ensureMayAct = (caller: ActingCaller, action: FulfilmentAction, fulfilment: FulfilmentView): void => {
  if (!ALLOWED[caller.role]?.includes(action)) throw new NotAllowedOnFulfilment(fulfilment.fulfilmentId, `the ${caller.role} role may not ${action}`);
  ensureMaySee(caller, fulfilment);
};

export const ensureMaySee = (caller: ActingCaller | undefined, fulfilment: FulfilmentView): void => {
  if (caller?.role !== 'store') return;
  if (caller.locationId !== fulfilment.locationId && caller.locationId !== fulfilment.pickupLocationId)
    throw new NotAllowedOnFulfilment(fulfilment.fulfilmentId, `it belongs to another location than ${caller.locationId}`);
};

/** What the shell must supply besides the body: the pickup code's hash (drawn for ready, given for collect). */
export interface ActionInputs {
  readonly fulfilmentId: string;
  readonly metadata: MessageMetadata;
  readonly hashOf: (code: string) => string;
  readonly newCodeHash: () => string;
}

/** Reads the action's body (shape only; the rules are the decider's) into its command. */
export const commandFor = (action: FulfilmentAction, body: unknown, { fulfilmentId, metadata, hashOf, newCodeHash }: ActionInputs): FulfilmentCommand => {
  const shape = new RequestShape(body ?? {});
  switch (action) {
    case 'accept':
      return shape.done({ type: 'AcceptFulfilment', data: { fulfilmentId }, metadata });
    case 'reject': {
      const code = shape.optionalOneOf('code', REJECT_CODES);
      const lines = shape.optionalList('lines', (p) => ({ sku: shape.text(`${p}.sku`), quantity: shape.quantity(`${p}.quantity`) }), 100);
      const data = { fulfilmentId, reason: shape.text('reason'), ...(code ? { code } : {}), ...(lines ? { lines } : {}) };
      return shape.done({ type: 'RejectFulfilment', data, metadata });
    }
    case 'pick': {
      const lines = shape.list('lines', (p) => ({ sku: shape.text(`${p}.sku`), quantity: shape.quantity(`${p}.quantity`) }));
      return shape.done({ type: 'PickFulfilment', data: { fulfilmentId, lines }, metadata });
    }
    case 'ready':
      return shape.done({ type: 'MarkReadyForPickup', data: { fulfilmentId, pickupCodeHash: newCodeHash() }, metadata });
    case 'collect': {
      const code = shape.text('pickupCode');
      return shape.done({ type: 'CollectPickup', data: { fulfilmentId, pickupCodeHash: code === undefined ? '' : hashOf(code) }, metadata });
    }
    case 'ship':
      return shape.done({ type: 'ShipFulfilment', data: { fulfilmentId, carrier: shape.text('carrier'), trackingNumber: shape.text('trackingNumber') }, metadata });
    case 'receive':
      return shape.done({ type: 'ReceiveFulfilment', data: { fulfilmentId }, metadata });
    case 'deliver':
      return shape.done({ type: 'DeliverFulfilment', data: { fulfilmentId }, metadata });
  }
};
