import type { Command } from '@oms/contracts';

/** Each command targets one stock item; the handler derives the stream id from these two. */
interface StockItemKey {
  readonly locationId: string;
  readonly sku: string;
}

/** An absolute count from a POS or WMS; applied once per `countId`; no `safetyStock` keeps the current one. */
export type CountStock = Command<'CountStock', StockItemKey & { readonly onHand: number; readonly safetyStock?: number; readonly countId?: string }>;

export type AdjustStock = Command<'AdjustStock', StockItemKey & { readonly delta: number; readonly reason: string; readonly adjustmentId: string }>;

/** One stock item's share of an order's reservation; applied once per `reservationId`. */
export type ReserveStock = Command<'ReserveStock', StockItemKey & { readonly reservationId: string; readonly orderId: string; readonly quantity: number }>;

/**
 * No `quantity`: all that is left of the reservation, naturally idempotent.
 * A partial release should carry a `releaseId`, or a retry would release twice.
 */
export type ReleaseStock = Command<
  'ReleaseStock',
  StockItemKey & { readonly reservationId: string; readonly quantity?: number; readonly reason: string; readonly releaseId?: string }
>;

/** A reservation may leave in several parts (partial shipments), so each part is applied once per `commitId`. */
export type CommitStock = Command<'CommitStock', StockItemKey & { readonly reservationId: string; readonly commitId: string; readonly quantity: number }>;

export type RestockGoods = Command<'RestockGoods', StockItemKey & { readonly restockId: string; readonly quantity: number; readonly reason: string }>;

export type StockItemCommand = CountStock | AdjustStock | ReserveStock | ReleaseStock | CommitStock | RestockGoods;
