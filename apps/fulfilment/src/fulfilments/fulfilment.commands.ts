import type { Address, Command, CustomerContact, RejectCode } from '@oms/contracts';
import type { FulfilmentLineQuantity, FulfilmentType } from './fulfilment.events';

interface Target {
  readonly fulfilmentId: string;
}

/** One per allocation; idempotent by fulfilmentId. Hold hours and accept-by come from configuration, read by the shell. */
export type CreateFulfilment = Command<
  'CreateFulfilment',
  Target & {
    readonly orderId: string;
    readonly allocationId: string;
    readonly reservationId: string;
    readonly type: FulfilmentType;
    /** Where the stock is taken. */
    readonly locationId: string;
    /** Ship-to-store only: the store that hands the goods over. */
    readonly pickupLocationId?: string;
    readonly lines: readonly FulfilmentLineQuantity[];
    readonly orderNumber?: string;
    readonly customer?: CustomerContact;
    readonly shipTo?: Address;
    /** Of the store that hands the goods over. */
    readonly pickupHoldHours: number;
    readonly acceptBy: string;
    /** When the work is due (ready for pickup, or dispatched); the accept deadline is never later. */
    readonly dueBy?: string;
  }
>;

export type AcceptFulfilment = Command<'AcceptFulfilment', Target>;
/**
 * `lines` omitted: everything held; given: only those (the rest stays with the store).
 * `cascadedFrom` names the not-found rejection this one follows from: its stock was counted there.
 */
export type RejectFulfilment = Command<
  'RejectFulfilment',
  Target & { readonly reason: string; readonly code?: RejectCode; readonly lines?: readonly FulfilmentLineQuantity[]; readonly cascadedFrom?: string }
>;
/** A new code for a ready pickup: the shell draws it and keeps only its hash here. */
export type RedrawPickupCode = Command<'RedrawPickupCode', Target & { readonly pickupCodeHash: string }>;
/** Lines left out were not found at all. */
export type PickFulfilment = Command<'PickFulfilment', Target & { readonly lines: readonly FulfilmentLineQuantity[] }>;
/** The shell draws the pickup code, shows it to the customer and keeps only its hash here. */
export type MarkReadyForPickup = Command<'MarkReadyForPickup', Target & { readonly pickupCodeHash: string }>;
/** The shell hashes the code the customer gave. */
export type CollectPickup = Command<'CollectPickup', Target & { readonly pickupCodeHash: string }>;
export type ShipFulfilment = Command<'ShipFulfilment', Target & { readonly carrier: string; readonly trackingNumber: string }>;
export type ReceiveFulfilment = Command<'ReceiveFulfilment', Target>;
export type DeliverFulfilment = Command<'DeliverFulfilment', Target>;
/** Sent by the pickup-by timer, which may fire late or twice. */
export type ExpirePickup = Command<'ExpirePickup', Target>;
/** Sent by the accept-by timer: a fulfilment nobody took up by then is rejected so that the order re-routes. */
export type EnforceAcceptBy = Command<'EnforceAcceptBy', Target>;
/** Sent by the order when its lines are cancelled. */
export type CancelFulfilment = Command<'CancelFulfilment', Target & { readonly reason: string }>;

export type FulfilmentCommand =
  | CreateFulfilment
  | AcceptFulfilment
  | RejectFulfilment
  | RedrawPickupCode
  | PickFulfilment
  | MarkReadyForPickup
  | CollectPickup
  | ShipFulfilment
  | ReceiveFulfilment
  | DeliverFulfilment
  | ExpirePickup
  | EnforceAcceptBy
  | CancelFulfilment;
