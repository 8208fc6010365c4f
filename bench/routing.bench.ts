import type { SourcingCandidate } from '@oms/contracts/inventory.contracts';
import { defaultRoutingConfig } from '../apps/order/src/routing/routing.config';
import { routeOrder } from '../apps/order/src/routing/route-order';
import type { RoutingRequest } from '../apps/order/src/routing/routing.types';
import { seeded } from './seeded';

const LINE_COUNT = 20;
const RUNS = 400;
const WARM_UP_RUNS = 50;

/**
 * Locations spread over France, one in five a warehouse. No location stocks
 * every SKU often, so most orders need a real search over two or more
 * locations rather than a lucky single match.
 */
function syntheticCandidates(count: number, skus: readonly string[]): SourcingCandidate[] {
  const random = seeded(count);
  return Array.from({ length: count }, (_, i) => {
    const warehouse = i % 5 === 0;
    const available: Record<string, number> = {};
    for (const sku of skus) if (random() < (warehouse ? 0.7 : 0.4)) available[sku] = 1 + Math.floor(random() * 20);
    return {
      location: {
        locationId: `${warehouse ? 'dc' : 'store'}-${String(i).padStart(4, '0')}`,
        name: `Location ${i}`,
        type: warehouse ? 'warehouse' : 'store',
        geo: { lat: 43 + random() * 7, lon: -1 + random() * 8 },
        capabilities: { pickup: !warehouse, shipFromStore: !warehouse && random() < 0.6, ship: warehouse },
        capacityPerDay: 100,
        pickupHoldHours: 72,
        active: random() < 0.95,
      },
      available,
      allocationsToday: Math.floor(random() * 110),
    };
  });
}

function percentile(sortedMs: readonly number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

/** routeOrder latency for a 20-line parcel to Paris, split allowed, over 10, 100 and 1,000 locations. */
export async function benchRouting(): Promise<string[]> {
  const skus = Array.from({ length: LINE_COUNT }, (_, j) => `SKU-${j}`);
  const request: RoutingRequest = {
    orderId: 'bench-order',
    lines: skus.map((sku, j) => ({ sku, quantity: 1 + (j % 3) })),
    delivery: { method: 'ship', speed: 'standard', address: { city: 'Paris', lat: 48.8566, lon: 2.3522 } },
    allowSplit: true,
  };
  const results: string[] = [];
  for (const count of [10, 100, 1000]) {
    const candidates = syntheticCandidates(count, skus);
    for (let run = 0; run < WARM_UP_RUNS; run++) routeOrder(request, candidates, defaultRoutingConfig);
    const samplesMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = process.hrtime.bigint();
      routeOrder(request, candidates, defaultRoutingConfig);
      samplesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    samplesMs.sort((a, b) => a - b);
    const p50 = percentile(samplesMs, 50).toFixed(2);
    const p99 = percentile(samplesMs, 99).toFixed(2);
    results.push(`routing ${count} locations x ${LINE_COUNT} lines: p50 ${p50} ms, p99 ${p99} ms`);
  }
  return results;
}
