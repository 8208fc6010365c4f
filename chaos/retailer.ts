import type { ApiClient } from './http-client';

/** The chaos retailer: one warehouse near Lyon, two Paris stores; every key is a demo key. */
export const ADMIN = 'demo-admin';
export const CHECKOUT = 'demo-checkout';
export const LOGISTICS = 'demo-logistics';

const store = (name: string, lat: number, lon: number) => ({
  name,
  type: 'store',
  geo: { lat, lon },
  capabilities: { pickup: true, shipFromStore: true, ship: false },
  capacityPerDay: 1_000_000,
  pickupHoldHours: 72,
  active: true,
});

export const LOCATIONS: Record<string, object> = {
  'lyon-dc': { name: 'Lyon DC', type: 'warehouse', geo: { lat: 45.764, lon: 4.8357 }, capabilities: { pickup: false, shipFromStore: false, ship: true }, capacityPerDay: 1_000_000, active: true },
  'paris-rivoli': store('Paris Rivoli', 48.8606, 2.3376),
  'paris-opera': store('Paris Opera', 48.8719, 2.3316),
};

/** Plenty everywhere but the scarce SKU, which the warehouse holds a few of and gets more of now and then (backorders). */
export const SKUS = Array.from({ length: 10 }, (_, i) => `CHAOS-${i}`);
/** Stocked at the Rivoli store but not at Opera: a pickup at Opera is sent there from elsewhere (ship-to-store). */
export const NOT_AT_OPERA = ['CHAOS-7', 'CHAOS-8', 'CHAOS-9'];
export const SCARCE = 'SCARCE-1';
export const SCARCE_START = 5;

export const STOCK: ReadonlyArray<{ locationId: string; sku: string; onHand: number }> = [
  ...SKUS.map((sku) => ({ locationId: 'lyon-dc', sku, onHand: 100_000 })),
  { locationId: 'lyon-dc', sku: SCARCE, onHand: SCARCE_START },
  ...SKUS.map((sku) => ({ locationId: 'paris-rivoli', sku, onHand: 10_000 })),
  ...SKUS.filter((sku) => !NOT_AT_OPERA.includes(sku)).map((sku) => ({ locationId: 'paris-opera', sku, onHand: 10_000 })),
];

export const PARIS = { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR', lat: 48.8566, lon: 2.3522 };

export const seedRetailer = async (api: ApiClient): Promise<void> => {
  for (const [id, body] of Object.entries(LOCATIONS)) {
    const answer = await api.call('PUT', `/v1/locations/${id}`, ADMIN, body);
    if (answer.status !== 200) throw new Error(`PUT location ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  for (const { locationId, sku, onHand } of STOCK) {
    const answer = await api.call('PUT', `/v1/locations/${locationId}/stock/${sku}`, ADMIN, { onHand, countId: `seed-${locationId}-${sku}` });
    if (answer.status !== 200) throw new Error(`PUT stock ${locationId}/${sku}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
};
