/** Every event names its location and SKU so that a projection can place it without the stream id. */
interface StockItemKey {
  readonly locationId: string;
  readonly sku: string;
}

export type StockCounted = {
  readonly type: 'StockCounted';
  readonly data: StockItemKey & { readonly onHand: number; readonly safetyStock: number; readonly countId?: string; readonly countedAt: string };
};

export type StockAdjusted = {
  readonly type: 'StockAdjusted';
  readonly data: StockItemKey & { readonly delta: number; readonly reason: string; readonly adjustmentId: string; readonly adjustedAt: string };
};

export type StockReserved = {
  readonly type: 'StockReserved';
  readonly data: StockItemKey & { readonly reservationId: string; readonly orderId: string; readonly quantity: number; readonly reservedAt: string };
};

export type StockReleased = {
  readonly type: 'StockReleased';
  readonly data: StockItemKey & {
    readonly reservationId: string;
    readonly releaseId?: string;
    readonly quantity: number;
    readonly reason: string;
    readonly releasedAt: string;
  };
};

/** The goods left the location (shipped or collected): on hand and the reservation both go down. */
export type StockCommitted = {
  readonly type: 'StockCommitted';
  readonly data: StockItemKey & { readonly reservationId: string; readonly commitId: string; readonly quantity: number; readonly committedAt: string };
};

/**
 * Goods left under a reservation that no longer held them (it was released
 * first): on hand goes down, as the shelf does, and the event stays in the
 * stock item's history as the alarm it is, never a silent no-op.
 */
export type UnreservedGoodsLeft = {
  readonly type: 'UnreservedGoodsLeft';
  readonly data: StockItemKey & { readonly reservationId: string; readonly commitId: string; readonly quantity: number; readonly leftAt: string };
};

/** Sellable goods came back (a return) and are on hand again. */
export type GoodsRestocked = {
  readonly type: 'GoodsRestocked';
  readonly data: StockItemKey & { readonly restockId: string; readonly quantity: number; readonly reason: string; readonly restockedAt: string };
};

export type StockItemEvent = StockCounted | StockAdjusted | StockReserved | StockReleased | StockCommitted | UnreservedGoodsLeft | GoodsRestocked;
