import type { SimulationMetrics } from '@oms/contracts/simulation.contracts';
import type { RoutingDecision } from '../routing/routing.types';

const rounded = (n: number) => Math.round(n * 1000) / 1000;

/** Sums routing decisions into the figures a simulation compares. */
export class MetricsTally {
  private orders = 0;
  private allocations = 0;
  private splitOrders = 0;
  private backorderedLines = 0;
  private cost = 0;
  private readonly byMethod: Record<string, number> = {};
  private readonly byLocation: Record<string, number> = {};
  private readonly distances: number[] = [];

  add(decision: RoutingDecision): void {
    this.orders++;
    this.allocations += decision.allocations.length;
    if (decision.allocations.length > 1) this.splitOrders++;
    this.backorderedLines += decision.unallocated.length;
    for (const allocation of decision.allocations) {
      this.byMethod[allocation.method] = (this.byMethod[allocation.method] ?? 0) + 1;
      this.byLocation[allocation.locationId] = (this.byLocation[allocation.locationId] ?? 0) + 1;
      this.cost += allocation.cost;
      if (allocation.distanceKm !== undefined) this.distances.push(allocation.distanceKm);
    }
  }

  result(): SimulationMetrics {
    const sorted = [...this.distances].sort((a, b) => a - b);
    const mean = sorted.length === 0 ? 0 : sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
    const p95 = sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
    return {
      orders: this.orders,
      allocations: this.allocations,
      splitOrders: this.splitOrders,
      backorderedLines: this.backorderedLines,
      byMethod: { ...this.byMethod },
      distanceKm: { mean: rounded(mean), p95: rounded(p95) },
      cost: rounded(this.cost),
      byLocation: { ...this.byLocation },
    };
  }
}
