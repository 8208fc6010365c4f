import type { Command } from './message';

/** NATS subjects of the inventory service (the messaging layer prefixes them with the namespace). */
export const InventorySubjects = {
  health: 'inventory.health',
  putLocation: 'inventory.locations.put.v1',
  getLocation: 'inventory.locations.get.v1',
  listLocations: 'inventory.locations.list.v1',
  countStock: 'inventory.stock.count.v1',
  adjustStock: 'inventory.stock.adjust.v1',
  getStock: 'inventory.stock.get.v1',
  availability: 'inventory.availability.v1',
  /** Candidates for routing: every active location with its ATP for the asked SKUs. */
  sourcingCandidates: 'inventory.sourcing-candidates.v1',
  reserve: 'inventory.reservations.reserve.v1',
  release: 'inventory.reservations.release.v1',
  commit: 'inventory.reservations.commit.v1',
  restock: 'inventory.stock.restock.v1',
} as const;

export interface GeoPoint { readonly lat: number; readonly lon: number }

export interface LocationCapabilities {
  readonly pickup: boolean;
  readonly shipFromStore: boolean;
  readonly ship: boolean;
}

export interface LocationView {
  readonly locationId: string;
  readonly name: string;
  readonly type: 'store' | 'warehouse';
  readonly geo: GeoPoint;
  readonly capabilities: LocationCapabilities;
  readonly capacityPerDay: number;
  readonly pickupHoldHours: number;
  readonly active: boolean;
}

export interface StockLevelView {
  readonly locationId: string;
  readonly sku: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly safetyStock: number;
  readonly available: number;
}

export interface ReservationLine { readonly locationId: string; readonly sku: string; readonly quantity: number }

/** All or nothing, idempotent by reservationId. */
export type ReserveStock = Command<'ReserveStock', { readonly reservationId: string; readonly orderId: string; readonly lines: readonly ReservationLine[] }>;
export type ReserveStockResult =
  | { readonly outcome: 'reserved'; readonly reservationId: string; readonly lines: readonly ReservationLine[] }
  | { readonly outcome: 'short'; readonly reservationId: string; readonly shortages: readonly (ReservationLine & { readonly available: number })[] };

/** Releases the whole reservation, or only the given lines. Idempotent. */
export type ReleaseReservation = Command<'ReleaseReservation', { readonly reservationId: string; readonly lines?: readonly ReservationLine[]; readonly reason: string }>;
/** The goods left (shipped or collected): on hand and reserved both go down. Idempotent. */
export type CommitReservation = Command<'CommitReservation', { readonly reservationId: string; readonly lines: readonly ReservationLine[] }>;
/** Goods returned in sellable condition go back on hand. Idempotent by restockId. */
export type RestockGoods = Command<'RestockGoods', { readonly restockId: string; readonly locationId: string; readonly sku: string; readonly quantity: number; readonly reason: string }>;

export interface SourcingCandidate {
  readonly location: LocationView;
  /** ATP per asked SKU at this location. */
  readonly available: Readonly<Record<string, number>>;
  /** Reservations taken today against capacityPerDay. */
  readonly allocationsToday: number;
}

/** Public events on `inventory.events.<type>`. */
export interface StockLevelChanged {
  readonly type: 'StockLevelChanged';
  readonly data: StockLevelView & { readonly cause: string };
}
