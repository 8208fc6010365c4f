import type { LocationHistory, LocationView, SourcingCandidate, StockChange, StockHistory } from '@oms/contracts';
import type { RoutingDecision } from '../routing/routing.types';

interface Level {
  onHand: number;
  reserved: number;
  safetyStock: number;
}

const dayOf = (at: string) => at.slice(0, 10);

/**
 * Stock as a simulation sees it: as it stood at the window's start, moved by
 * the counts, adjustments and restocks recorded since, at their times, and by
 * the simulated orders' own reservations only. Locations follow their recorded
 * definitions; capacity is counted per UTC day, as live routing counts it.
 * Never touches live stock: it is plain memory.
 */
export class ShadowStock {
  private readonly locations = new Map<string, LocationView>();
  private readonly levels = new Map<string, Level>();
  private readonly taken = new Map<string, number>();
  private readonly changes: readonly StockChange[];
  /** The locations in id order, as inventory answers them; rebuilt only when a definition arrives. */
  private sorted: LocationView[] = [];
  private nextDefinition = 0;
  private nextChange = 0;
  private day: string;

  constructor(
    private readonly history: LocationHistory,
    stock: StockHistory,
    from: string,
  ) {
    this.changes = stock.changes;
    for (const item of stock.stockAtFrom) this.levels.set(keyOf(item.locationId, item.sku), { onHand: item.onHand, reserved: item.reserved, safetyStock: item.safetyStock });
    for (const [locationId, count] of Object.entries(history.reservationsToday)) this.taken.set(locationId, count);
    this.day = dayOf(from);
    this.advanceTo(from);
  }

  /** Applies what was recorded up to `at`, in time order. */
  advanceTo(at: string): void {
    const { definitions } = this.history;
    const known = this.nextDefinition;
    while (this.nextDefinition < definitions.length && definitions[this.nextDefinition].at <= at) {
      const { location } = definitions[this.nextDefinition++];
      this.locations.set(location.locationId, location);
    }
    if (this.nextDefinition !== known) this.sorted = [...this.locations.values()].sort((a, b) => (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0));
    while (this.nextChange < this.changes.length && this.changes[this.nextChange].at <= at) this.apply(this.changes[this.nextChange++]);
    if (dayOf(at) !== this.day) {
      this.day = dayOf(at);
      this.taken.clear();
    }
  }

  /** Every location known then, in location id order as inventory answers, with the ATP of each SKU. */
  candidatesFor(skus: readonly string[]): SourcingCandidate[] {
    return this.sorted.map((location) => ({
        location,
      available: Object.fromEntries(skus.map((sku) => [sku, this.availableOf(location.locationId, sku)])),
      allocationsToday: this.taken.get(location.locationId) ?? 0,
    }));
  }

  /** The decision's allocations reserve their lines, as a live reservation would. */
  take(decision: RoutingDecision): void {
    for (const allocation of decision.allocations) {
      for (const line of allocation.lines) this.levelOf(allocation.locationId, line.sku).reserved += line.quantity;
      this.taken.set(allocation.locationId, (this.taken.get(allocation.locationId) ?? 0) + 1);
    }
  }

  private availableOf(locationId: string, sku: string): number {
    const level = this.levels.get(keyOf(locationId, sku));
    return level ? Math.max(0, level.onHand - level.reserved - level.safetyStock) : 0;
  }

  private apply(change: StockChange): void {
    const level = this.levelOf(change.locationId, change.sku);
    if (change.kind === 'counted') {
      level.onHand = change.onHand;
      level.safetyStock = change.safetyStock;
    } else level.onHand = Math.max(0, level.onHand + change.delta);
  }

  private levelOf(locationId: string, sku: string): Level {
    const key = keyOf(locationId, sku);
    let level = this.levels.get(key);
    if (!level) this.levels.set(key, (level = { onHand: 0, reserved: 0, safetyStock: 0 }));
    return level;
  }
}

const keyOf = (locationId: string, sku: string) => `${locationId}\u0000${sku}`;
