import type { Command } from '@oms/contracts';

/** Each command targets one stock item; the handler derives the stream id from these two. */
interface StockItemKey {
  readonly locationId: string;
  readonly sku: string;
}

/**
 * What the stock item's totals cannot tell: how much one reservation still
 * holds here, read by the shell from the reservation lines under the item's
 * lock. `null`: this stock item never held the reservation.
 */
interface HeldByReservation {
  readonly held: number | null;
}

/** An absolute count from a POS or WMS; applied once per `countId` (by the shell); no `safetyStock` keeps the current one. */
export type CountStock = Command<'CountStock', StockItemKey & { readonly onHand: number; readonly safetyStock?: number; readonly countId?: string }>;

/** Applied once per `adjustmentId` (by the shell). */
export type AdjustStock = Command<'AdjustStock', StockItemKey & { readonly delta: number; readonly reason: string; readonly adjustmentId: string }>;

/** One stock item's share of an order's reservation; applied once per `reservationId` (the shell finds its reservation line). */
export type ReserveStock = Command<'ReserveStock', StockItemKey & { readonly reservationId: string; readonly orderId: string; readonly quantity: number }>;

/**
 * No `quantity`: all that is left of the reservation, naturally idempotent.
 * A partial release should carry a `releaseId`, or a retry would release twice.
 */
export type ReleaseStock = Command<
  'ReleaseStock',
  StockItemKey & HeldByReservation & { readonly reservationId: string; readonly quantity?: number; readonly reason: string; readonly releaseId?: string }
>;

/** A reservation may leave in several parts (partial shipments), so each part is applied once per `commitId` (by the shell). */
export type CommitStock = Command<'CommitStock', StockItemKey & HeldByReservation & { readonly reservationId: string; readonly commitId: string; readonly quantity: number }>;

/** Applied once per `restockId` (by the shell). */
export type RestockGoods = Command<'RestockGoods', StockItemKey & { readonly restockId: string; readonly quantity: number; readonly reason: string }>;

export type StockItemCommand = CountStock | AdjustStock | ReserveStock | ReleaseStock | CommitStock | RestockGoods;
