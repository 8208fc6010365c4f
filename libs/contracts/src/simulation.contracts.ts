import type { LocationView } from './inventory.contracts';

/** Routing simulations (API.md "Routing simulations"): answered by the order service, fed by inventory's history. */
export const SimulationSubjects = {
  start: 'order.simulations.start.v1',
  get: 'order.simulations.get.v1',
  /** Every location definition up to `to`, and the reservations each location took on `from`'s day before `from`. */
  locationHistory: 'inventory.history.locations.v1',
  /** The asked SKUs everywhere: stock as of `from`, and the counts, adjustments and restocks up to `to`. */
  stockHistory: 'inventory.history.stock.v1',
} as const;

/** Overrides of the routing configuration; `{}` is today's. */
export interface SimulationPolicy {
  readonly costPerKm?: number;
  readonly handlingWarehouse?: number;
  readonly handlingStore?: number;
  readonly expressMaxKm?: number;
}

export interface StartSimulationRequest {
  readonly from: string;
  readonly to: string;
  readonly policy: SimulationPolicy;
}

export interface SimulationMetrics {
  readonly orders: number;
  readonly allocations: number;
  readonly splitOrders: number;
  readonly backorderedLines: number;
  readonly byMethod: Readonly<Record<string, number>>;
  readonly distanceKm: { readonly mean: number; readonly p95: number };
  readonly cost: number;
  readonly byLocation: Readonly<Record<string, number>>;
}

export interface SimulatedAllocation {
  readonly locationId: string;
  readonly method: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
}

export interface ChangedOrder {
  readonly orderId: string;
  readonly orderNumber?: string;
  readonly baseline: readonly SimulatedAllocation[];
  readonly candidate: readonly SimulatedAllocation[];
}

export type SimulationStatus = 'running' | 'completed' | 'failed';

export interface SimulationView {
  readonly simulationId: string;
  readonly status: SimulationStatus;
  readonly from: string;
  readonly to: string;
  readonly policy: SimulationPolicy;
  readonly progress: { readonly done: number; readonly total: number };
  readonly baseline?: SimulationMetrics;
  readonly candidate?: SimulationMetrics;
  readonly changed?: readonly ChangedOrder[];
  readonly error?: string;
  readonly createdAt: string;
  readonly completedAt?: string;
}

export interface LocationHistory {
  readonly definitions: readonly { readonly at: string; readonly location: LocationView }[];
  readonly reservationsToday: Readonly<Record<string, number>>;
}

export interface StockItemAt {
  readonly locationId: string;
  readonly sku: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly safetyStock: number;
}

/** What moved stock from outside the orders: counts set it, adjustments and restocks move it. */
export type StockChange = { readonly at: string; readonly locationId: string; readonly sku: string } & (
  | { readonly kind: 'counted'; readonly onHand: number; readonly safetyStock: number }
  | { readonly kind: 'moved'; readonly delta: number }
);

export interface StockHistory {
  readonly stockAtFrom: readonly StockItemAt[];
  readonly changes: readonly StockChange[];
}
