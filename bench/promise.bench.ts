import type { OpeningHours, SourcingCandidate } from '@oms/contracts/inventory.contracts';
import { DEFAULT_TRANSIT_DAYS } from '@oms/promise/promise-rules';
import { fulfilmentOptions } from '../apps/order/src/promise/fulfilment-options';
import { defaultRoutingConfig } from '../apps/order/src/routing/routing.config';
import { seeded } from './seeded';

const LOCATIONS = 200;
const LINE_COUNT = 5;
const RUNS = 400;
const WARM_UP_RUNS = 50;

const storeHours: OpeningHours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => [day, [['09:00', '12:30'], ['13:30', '19:30']]]));
const warehouseHours: OpeningHours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['06:00', '22:00']]]));

/**
 * One in ten a warehouse; the stores crowd around Paris (half of them within
 * the 30 km pickup radius, so the options weigh some sixty pickup stores),
 * every one with its opening hours, lead time and cut-off in Europe/Paris,
 * a third with rapid delivery.
 */
function syntheticRetailer(skus: readonly string[]): SourcingCandidate[] {
  const random = seeded(LOCATIONS);
  return Array.from({ length: LOCATIONS }, (_, i) => {
    const warehouse = i % 10 === 0;
    const nearParis = !warehouse && random() < 0.5;
    const available: Record<string, number> = {};
    for (const sku of skus) if (random() < (warehouse ? 0.8 : 0.5)) available[sku] = 1 + Math.floor(random() * 20);
    return {
      location: {
        locationId: `${warehouse ? 'dc' : 'store'}-${String(i).padStart(4, '0')}`,
        name: `Location ${i}`,
        type: warehouse ? 'warehouse' : 'store',
        geo: nearParis ? { lat: 48.7 + random() * 0.3, lon: 2.1 + random() * 0.5 } : { lat: 43 + random() * 7, lon: -1 + random() * 8 },
        capabilities: { pickup: !warehouse, shipFromStore: !warehouse && random() < 0.6, ship: warehouse },
        capacityPerDay: 100,
        pickupHoldHours: 72,
        active: random() < 0.95,
        timezone: 'Europe/Paris',
        openingHours: warehouse ? warehouseHours : storeHours,
        pickupLeadMinutes: warehouse ? undefined : 60 + Math.floor(random() * 120),
        dispatchCutoff: warehouse ? '15:00' : '17:00',
        ...(!warehouse && random() < 0.33 ? { rapidDelivery: { radiusKm: 3 + Math.floor(random() * 5), minutes: 30 } } : {}),
      },
      available,
      allocationsToday: Math.floor(random() * 90),
    };
  });
}

const percentile = (sortedMs: readonly number[], p: number): number => sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];

/**
 * Fulfilment options for a 5-line cart over 200 locations: the computation the
 * order service runs per request once inventory has answered the candidates
 * (that read is the availability benchmark's). Instants vary over a week so the
 * opening-hours arithmetic is not answered from one cached offset.
 */
export async function benchPromise(): Promise<string[]> {
  const skus = Array.from({ length: LINE_COUNT }, (_, j) => `SKU-${j}`);
  const lines = skus.map((sku, j) => ({ sku, quantity: 1 + (j % 2) }));
  const candidates = syntheticRetailer(skus);
  const config = { routing: defaultRoutingConfig, transitDays: DEFAULT_TRANSIT_DAYS };
  const monday = Date.parse('2026-06-01T06:00:00Z');
  const ask = (run: number) => fulfilmentOptions({ lines, destination: { lat: 48.8566, lon: 2.3522 }, atMs: monday + (run % 168) * 3_600_000 + run * 7_000, radiusKm: 30 }, candidates, config);
  for (let run = 0; run < WARM_UP_RUNS; run++) ask(run);
  const samplesMs: number[] = [];
  let offered = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    offered += ask(run).length;
    samplesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samplesMs.sort((a, b) => a - b);
  const p50 = percentile(samplesMs, 50).toFixed(2);
  const p99 = percentile(samplesMs, 99).toFixed(2);
  return [`- fulfilment options, ${LINE_COUNT}-line cart over ${LOCATIONS} locations (about ${Math.round(offered / RUNS)} options each): **p50 ${p50} ms, p99 ${p99} ms**`];
}
