import type { FulfilmentType, RejectCode } from '@oms/contracts/fulfilment.contracts';
import type { Address, CustomerContact } from '@oms/contracts/order.contracts';

export type { FulfilmentType };

export interface FulfilmentLineQuantity {
  readonly sku: string;
  readonly quantity: number;
}

/** Every event names its fulfilment and order and says when, so projections and the order service need nothing else. */
interface FulfilmentFacts {
  readonly fulfilmentId: string;
  readonly orderId: string;
  readonly allocationId: string;
  readonly at: string;
}

/** Facts the stock side needs: whose reservation, taken where. */
interface StockFacts extends FulfilmentFacts {
  readonly reservationId: string;
  readonly locationId: string;
}

export type FulfilmentCreated = {
  readonly type: 'FulfilmentCreated';
  readonly data: StockFacts & {
    readonly type: FulfilmentType;
    /** Ship-to-store only: the store that hands the goods over; null otherwise. */
    readonly pickupLocationId: string | null;
    readonly lines: readonly FulfilmentLineQuantity[];
    readonly pickupHoldHours: number;
    readonly acceptBy: string;
    /** Absent on fulfilments created before promises. */
    readonly dueBy?: string;
    /** Absent on fulfilments created before the order gave them. */
    readonly orderNumber?: string;
    readonly customer?: CustomerContact;
    readonly shipTo?: Address;
  };
};

/** A warehouse fulfilment goes straight to the WMS: no store has to accept it. */
export type FulfilmentReleased = { readonly type: 'FulfilmentReleased'; readonly data: FulfilmentFacts };

export type FulfilmentAccepted = { readonly type: 'FulfilmentAccepted'; readonly data: FulfilmentFacts };

export type FulfilmentRejected = {
  readonly type: 'FulfilmentRejected';
  readonly data: StockFacts & {
    readonly reason: string;
    /** Absent before stores gave codes (and on a missed accept-by): `other`. */
    readonly code?: RejectCode;
    /** The not-found rejection this one follows from (its count was made there). */
    readonly cascadedFrom?: string;
    /** What the order must source elsewhere (the reservation of these lines is to be released). */
    readonly rerouteLines: readonly FulfilmentLineQuantity[];
  };
};

/** Some lines rejected, the rest stays with the store: the order re-routes `rerouteLines` as for a rejection. */
export type FulfilmentLinesRejected = {
  readonly type: 'FulfilmentLinesRejected';
  readonly data: StockFacts & {
    readonly reason: string;
    readonly code: RejectCode;
    readonly cascadedFrom?: string;
    readonly rerouteLines: readonly FulfilmentLineQuantity[];
  };
};

/** The old code stops working and a lock is lifted; the hash is never published. */
export type PickupCodeRedrawn = {
  readonly type: 'PickupCodeRedrawn';
  readonly data: FulfilmentFacts & { readonly pickupLocationId: string; readonly pickupCodeHash: string };
};

export type FulfilmentPicked = {
  readonly type: 'FulfilmentPicked';
  readonly data: StockFacts & {
    readonly lines: readonly (FulfilmentLineQuantity & { readonly picked: number })[];
    /** Ordered but not found on the shelf: the order re-routes these, excluding this location. */
    readonly shortLines: readonly FulfilmentLineQuantity[];
  };
};

export type FulfilmentReadyForPickup = {
  readonly type: 'FulfilmentReadyForPickup';
  readonly data: FulfilmentFacts & {
    /** The store that hands the goods over. */
    readonly pickupLocationId: string;
    readonly readyAt: string;
    readonly expiresAt: string;
    readonly pickupCodeHash: string;
  };
};

export type PickupCodeRejected = {
  readonly type: 'PickupCodeRejected';
  readonly data: FulfilmentFacts & { readonly attempt: number };
};

/** Too many wrong codes: nobody can collect any more (the pickup can still expire or be cancelled). */
export type PickupLocked = {
  readonly type: 'PickupLocked';
  readonly data: FulfilmentFacts & { readonly failedAttempts: number };
};

/** The goods left with the customer: the stock is to be committed (except ship-to-store, committed when shipped). */
export type FulfilmentCollected = {
  readonly type: 'FulfilmentCollected';
  readonly data: StockFacts & {
    readonly pickupLocationId: string;
    readonly lines: readonly FulfilmentLineQuantity[];
    readonly stockCommitted: boolean;
  };
};

export type FulfilmentShipped = {
  readonly type: 'FulfilmentShipped';
  readonly data: StockFacts & {
    /** Ship-to-store: the store the parcel goes to. */
    readonly pickupLocationId?: string;
    readonly carrier: string;
    readonly trackingNumber: string;
    readonly lines: readonly FulfilmentLineQuantity[];
  };
};

/** Ship-to-store: the parcel arrived at the pickup store. */
export type FulfilmentReceived = {
  readonly type: 'FulfilmentReceived';
  readonly data: FulfilmentFacts & { readonly pickupLocationId: string };
};

export type FulfilmentDelivered = { readonly type: 'FulfilmentDelivered'; readonly data: FulfilmentFacts };

/**
 * Not collected in time: the lines are cancelled and the stock goes back.
 * `stockCommitted` says how: false, release the reservation at `locationId`;
 * true (ship-to-store, committed when shipped), restock at `pickupLocationId`.
 */
export type FulfilmentExpired = {
  readonly type: 'FulfilmentExpired';
  readonly data: StockFacts & {
    readonly pickupLocationId: string;
    readonly expiresAt: string;
    readonly lines: readonly FulfilmentLineQuantity[];
    readonly stockCommitted: boolean;
  };
};

/** Cancelled by the order; the stock goes back as for {@link FulfilmentExpired}. */
export type FulfilmentCancelled = {
  readonly type: 'FulfilmentCancelled';
  readonly data: StockFacts & {
    readonly reason: string;
    readonly pickupLocationId: string;
    readonly lines: readonly FulfilmentLineQuantity[];
    readonly stockCommitted: boolean;
  };
};

export type FulfilmentEvent =
  | FulfilmentCreated
  | FulfilmentReleased
  | FulfilmentAccepted
  | FulfilmentRejected
  | FulfilmentLinesRejected
  | PickupCodeRedrawn
  | FulfilmentPicked
  | FulfilmentReadyForPickup
  | PickupCodeRejected
  | PickupLocked
  | FulfilmentCollected
  | FulfilmentShipped
  | FulfilmentReceived
  | FulfilmentDelivered
  | FulfilmentExpired
  | FulfilmentCancelled;
