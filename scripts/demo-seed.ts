/**
 * A small retailer for `npm start -- --demo`: one warehouse near Lyon, four
 * stores with their real positions, six outdoor products with stock. Everything
 * goes through the public HTTP API, as an integrator would do it, and running
 * it twice changes nothing (PUTs replace, counts carry a countId).
 */

interface DemoLocation {
  readonly locationId: string;
  readonly name: string;
  readonly type: 'store' | 'warehouse';
  readonly geo: { readonly lat: number; readonly lon: number };
  readonly capacityPerDay: number;
}

const WAREHOUSE_CAPABILITIES = { pickup: false, shipFromStore: false, ship: true };
const STORE_CAPABILITIES = { pickup: true, shipFromStore: true, ship: false };

const LOCATIONS: readonly DemoLocation[] = [
  { locationId: 'lyon-dc', name: 'Lyon distribution centre (Saint-Priest)', type: 'warehouse', geo: { lat: 45.7135, lon: 4.938 }, capacityPerDay: 5000 },
  { locationId: 'paris-rivoli', name: 'Paris Rivoli', type: 'store', geo: { lat: 48.8606, lon: 2.3376 }, capacityPerDay: 200 },
  { locationId: 'paris-bastille', name: 'Paris Bastille', type: 'store', geo: { lat: 48.8532, lon: 2.3692 }, capacityPerDay: 150 },
  { locationId: 'lyon-part-dieu', name: 'Lyon Part-Dieu', type: 'store', geo: { lat: 45.7606, lon: 4.8593 }, capacityPerDay: 150 },
  { locationId: 'marseille-vieux-port', name: 'Marseille Vieux-Port', type: 'store', geo: { lat: 43.2951, lon: 5.3744 }, capacityPerDay: 120 },
];

/** On hand per SKU and location; the warehouse holds the bulk, stores a few of each. */
const CATALOGUE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'TENT-2P': { 'lyon-dc': 120, 'paris-rivoli': 6, 'paris-bastille': 3, 'lyon-part-dieu': 4, 'marseille-vieux-port': 2 },
  'SLEEPING-BAG': { 'lyon-dc': 200, 'paris-rivoli': 10, 'paris-bastille': 8, 'lyon-part-dieu': 6, 'marseille-vieux-port': 5 },
  HEADLAMP: { 'lyon-dc': 500, 'paris-rivoli': 25, 'paris-bastille': 20, 'lyon-part-dieu': 15, 'marseille-vieux-port': 12 },
  STOVE: { 'lyon-dc': 80, 'paris-rivoli': 4, 'lyon-part-dieu': 3 },
  'BACKPACK-40L': { 'lyon-dc': 150, 'paris-rivoli': 8, 'paris-bastille': 5, 'marseille-vieux-port': 4 },
  'WATER-FILTER': { 'lyon-dc': 60, 'paris-bastille': 2, 'marseille-vieux-port': 1 },
};

/** Kept back at each store so that the last unit on the shelf is not promised online. */
const STORE_SAFETY_STOCK = 1;

export async function seedDemo(baseUrl: string, adminKey: string, log: (line: string) => void): Promise<void> {
  const put = async (path: string, body: unknown): Promise<any> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`demo seed: PUT ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  };

  for (const { locationId, ...definition } of LOCATIONS) {
    const capabilities = definition.type === 'warehouse' ? WAREHOUSE_CAPABILITIES : STORE_CAPABILITIES;
    await put(`/v1/locations/${locationId}`, { ...definition, capabilities, pickupHoldHours: 72, active: true });
    log(`location ${locationId}: ${definition.name} (${definition.type} at ${definition.geo.lat}, ${definition.geo.lon})`);
  }
  for (const [sku, stock] of Object.entries(CATALOGUE)) {
    const counted: string[] = [];
    for (const [locationId, onHand] of Object.entries(stock)) {
      const safetyStock = locationId === 'lyon-dc' ? 0 : STORE_SAFETY_STOCK;
      const level = await put(`/v1/locations/${locationId}/stock/${sku}`, { onHand, safetyStock, countId: `demo-seed-${locationId}-${sku}` });
      counted.push(`${locationId} ${level.onHand} (${level.available} available)`);
    }
    log(`stock ${sku}: ${counted.join(', ')}`);
  }
}
