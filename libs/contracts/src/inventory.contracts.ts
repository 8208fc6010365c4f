import type { Command } from './message';

/** NATS subjects of the inventory service (the messaging layer prefixes them with the namespace). */
export const InventorySubjects = {
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

export const LOCATION_TYPES = ['store', 'warehouse'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

/** Days of the week as `openingHours` keys, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Local `["HH:MM", "HH:MM"]` intervals per day; a day left out or `[]` is closed. */
export type OpeningHours = Readonly<Partial<Record<Weekday, readonly (readonly [string, string])[]>>>;
export interface RapidDelivery {
  readonly radiusKm: number;
  readonly minutes: number;
}

/** What the promise rules read of a location (API.md "Promise"); absent fields take the defaults there. */
export interface LocationPromiseProfile {
  /** IANA name; UTC when absent. */
  readonly timezone?: string;
  /** Always open when absent. */
  readonly openingHours?: OpeningHours;
  /** 120 when absent. */
  readonly pickupLeadMinutes?: number;
  /** Local `HH:MM`; no cut-off when absent. */
  readonly dispatchCutoff?: string;
  /** No rapid delivery when absent. */
  readonly rapidDelivery?: RapidDelivery;
}

export interface LocationView extends LocationPromiseProfile {
  readonly locationId: string;
  readonly name: string;
  readonly type: LocationType;
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
export type ReleaseReservation = Command<
  'ReleaseReservation',
  {
    readonly reservationId: string;
    readonly lines?: readonly ReservationLine[];
    readonly reason: string;
    /** Makes a partial release (with `lines`) idempotent; when absent one is derived from the reservation, lines and reason. */
    readonly releaseId?: string;
  }
>;
/** The goods left (shipped or collected): on hand and reserved both go down. Idempotent. */
export type CommitReservation = Command<
  'CommitReservation',
  {
    readonly reservationId: string;
    readonly lines: readonly ReservationLine[];
    /** One per shipment or collection; defaults to the reservationId (the reservation leaves in one go). */
    readonly commitId?: string;
  }
>;
/** Answer to release and commit: the stock levels of the items touched, after the change. */
export interface ReservationChangeResult {
  readonly reservationId: string;
  readonly levels: readonly StockLevelView[];
}
/** Goods returned in sellable condition go back on hand. Idempotent by restockId. */
export type RestockGoods = Command<'RestockGoods', { readonly restockId: string; readonly locationId: string; readonly sku: string; readonly quantity: number; readonly reason: string }>;

export interface SourcingCandidate {
  readonly location: LocationView;
  /** ATP per asked SKU at this location. */
  readonly available: Readonly<Record<string, number>>;
  /** Reservations taken today against capacityPerDay. */
  readonly allocationsToday: number;
}

export interface SourcingCandidatesRequest { readonly skus: readonly string[] }
/** Every location, paused ones included (routing records why it passed them over). */
export interface SourcingCandidatesResult { readonly candidates: readonly SourcingCandidate[] }

/**
 * Requests the gateway sends. The reservation messages above are commands with
 * metadata; these are bare data, the actor and correlation id travel as NATS headers.
 */
export type PutLocationRequest = Omit<LocationView, 'pickupHoldHours'> & { readonly pickupHoldHours?: number };
export interface GetLocationRequest { readonly locationId: string }
export interface ListLocationsRequest { readonly limit?: number; readonly cursor?: string }
export interface Page<T> { readonly items: readonly T[]; readonly nextCursor: string | null }
export interface CountStockRequest { readonly locationId: string; readonly sku: string; readonly onHand: number; readonly safetyStock?: number; readonly countId?: string }
export interface AdjustStockRequest { readonly locationId: string; readonly sku: string; readonly delta: number; readonly reason: string; readonly adjustmentId: string }
export interface GetStockRequest { readonly locationId: string; readonly sku: string }

export interface AvailabilityRequest { readonly skus: readonly string[]; readonly lat?: number; readonly lon?: number }
export interface LocationAvailability {
  readonly locationId: string;
  readonly type: LocationView['type'];
  readonly available: number;
  readonly pickup: boolean;
  /** Whether parcels leave from here (a warehouse, or a store that ships from store). */
  readonly ship: boolean;
  /** Only when the request gave lat/lon; rounded to 0.1 km. */
  readonly distanceKm?: number;
}
export interface SkuAvailability {
  readonly sku: string;
  readonly available: number;
  readonly shipAvailable: number;
  readonly locations: readonly LocationAvailability[];
}
export interface AvailabilityView { readonly items: readonly SkuAvailability[] }

/** Public events on `inventory.events.<type>`. */
export interface StockLevelChanged {
  readonly type: 'StockLevelChanged';
  /** `cause`: the type of the stock event that changed the level. */
  readonly data: StockLevelView & { readonly cause: string };
}
