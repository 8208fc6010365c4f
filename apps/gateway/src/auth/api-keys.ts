import { ROLES, type Role } from '@oms/contracts';

export type { Role };

/** One configured API key. `name` identifies the caller in logs and event history; the key itself never leaves the gateway. */
export interface ApiKey {
  readonly key: string;
  readonly role: Role;
  /** Required for, and only for, a store key: the one location it may act on. */
  readonly locationId?: string;
  readonly name: string;
}

/** Public, well-known keys used when OMS_API_KEYS is unset, so `npm start` works out of the box. */
const DEMO_KEYS: readonly Omit<ApiKey, 'name'>[] = [
  { key: 'demo-admin', role: 'admin' },
  { key: 'demo-checkout', role: 'checkout' },
  { key: 'demo-logistics', role: 'logistics' },
  { key: 'demo-store-paris-rivoli', role: 'store', locationId: 'paris-rivoli' },
  { key: 'demo-store-lyon-part-dieu', role: 'store', locationId: 'lyon-part-dieu' },
  // Every store of the demo retailer (scripts/demo-seed.ts) has a key, so each can be signed into in the console.
  { key: 'demo-store-paris-bastille', role: 'store', locationId: 'paris-bastille' },
  { key: 'demo-store-marseille-vieux-port', role: 'store', locationId: 'marseille-vieux-port' },
];

/** Reads OMS_API_KEYS (a JSON array of `{key, role, locationId?, name?}`); throws a message naming it when invalid. */
export const readApiKeys = (raw: string | undefined): { keys: ApiKey[]; demo: boolean } => {
  if (raw === undefined || raw.trim() === '') return { keys: DEMO_KEYS.map(withName), demo: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('OMS_API_KEYS must be a JSON array of {key, role, locationId?}; it is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new Error('OMS_API_KEYS must be a non-empty JSON array of {key, role, locationId?}');
  const keys = parsed.map((entry, index) => withName(validate(entry, index)));
  const seen = new Set<string>();
  for (const { key } of keys) {
    if (seen.has(key)) throw new Error('OMS_API_KEYS lists the same key twice');
    seen.add(key);
  }
  return { keys, demo: false };
};

const validate = (entry: unknown, index: number): Omit<ApiKey, 'name'> & { name?: string } => {
  const fail = (why: string) => new Error(`OMS_API_KEYS[${index}] ${why}`);
  if (typeof entry !== 'object' || entry === null) throw fail('must be an object {key, role, locationId?}');
  const { key, role, locationId, name } = entry as Record<string, unknown>;
  if (typeof key !== 'string' || key.trim() === '' || /\s/.test(key)) throw fail('needs a "key": a non-empty string without spaces');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw fail(`needs a "role" among ${ROLES.join(', ')}`);
  if (role === 'store' && (typeof locationId !== 'string' || locationId === '')) throw fail('is a store key and needs a "locationId"');
  if (role !== 'store' && locationId !== undefined) throw fail('has a "locationId" but only store keys are bound to a location');
  if (name !== undefined && (typeof name !== 'string' || name === '')) throw fail('has a "name" that is not a non-empty string');
  return { key, role: role as Role, locationId: locationId as string | undefined, name: name as string | undefined };
};

const withName = (key: Omit<ApiKey, 'name'> & { name?: string }): ApiKey => ({
  ...key,
  name: key.name ?? (key.locationId ? `${key.role}:${key.locationId}` : key.role),
});
