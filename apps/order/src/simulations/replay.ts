import type { ChangedOrder, SimulatedAllocation, SimulationMetrics } from '@oms/contracts/simulation.contracts';
import { routeOrder } from '../routing/route-order';
import type { RoutingConfig } from '../routing/routing.config';
import type { RoutingDecision, RoutingRequest } from '../routing/routing.types';
import type { ShadowStock } from './shadow-stock';
import { MetricsTally } from './simulation-metrics';

/** An order of the window as it was routed live: its first attempt's request and decision, and when stock was read for it. */
export interface RoutedOrder {
  readonly orderId: string;
  readonly orderNumber?: string;
  readonly routedAt: string;
  readonly request: RoutingRequest;
  readonly baseline: RoutingDecision;
}

export interface ReplayResult {
  readonly baseline: SimulationMetrics;
  readonly candidate: SimulationMetrics;
  readonly changed: readonly ChangedOrder[];
}

const MAX_CHANGED = 100;

const allocationsOf = (decision: RoutingDecision): SimulatedAllocation[] =>
  decision.allocations
    .map((a) => ({ locationId: a.locationId, method: a.method, lines: [...a.lines].map(({ sku, quantity }) => ({ sku, quantity })).sort((x, y) => (x.sku < y.sku ? -1 : 1)) }))
    .sort((x, y) => (x.locationId < y.locationId ? -1 : x.locationId > y.locationId ? 1 : 0));

/**
 * Replays orders, one after another in placement order, with the same pure
 * routing function as live routing under the candidate configuration,
 * against the shadow stock; tallies both sides and keeps the first orders
 * whose allocations differ.
 */
export class Replay {
  private readonly baseline = new MetricsTally();
  private readonly candidate = new MetricsTally();
  private readonly changed: ChangedOrder[] = [];

  constructor(
    private readonly shadow: ShadowStock,
    private readonly config: RoutingConfig,
  ) {}

  next(order: RoutedOrder): void {
    this.shadow.advanceTo(order.routedAt);
    const candidates = this.shadow.candidatesFor(order.request.lines.map((l) => l.sku));
    const decision = routeOrder(order.request, candidates, this.config);
    this.shadow.take(decision);
    this.baseline.add(order.baseline);
    this.candidate.add(decision);
    if (this.changed.length >= MAX_CHANGED) return;
    const before = allocationsOf(order.baseline);
    const after = allocationsOf(decision);
    if (JSON.stringify(before) !== JSON.stringify(after))
      this.changed.push({ orderId: order.orderId, ...(order.orderNumber ? { orderNumber: order.orderNumber } : {}), baseline: before, candidate: after });
  }

  result(): ReplayResult {
    return { baseline: this.baseline.result(), candidate: this.candidate.result(), changed: this.changed };
  }
}
