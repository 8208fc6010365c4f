/** Weights and limits of the routing policy; see DESIGN.md "Routing". */
export interface RoutingConfig {
  /** Express parcels leave only stores within this distance of the address. */
  readonly expressMaxKm: number;
  readonly costPerKm: number;
  /** Handling cost of one allocation, by location type. */
  readonly handlingCost: { readonly warehouse: number; readonly store: number };
  /** How many times an order's lines are re-routed after rejections or short picks before they wait as backordered. */
  readonly maxAttempts: number;
}

export const defaultRoutingConfig: RoutingConfig = {
  expressMaxKm: 20,
  costPerKm: 0.002,
  handlingCost: { warehouse: 1.0, store: 2.5 },
  maxAttempts: 5,
};

type Env = Record<string, string | undefined>;

/** An unset or blank variable keeps the default: container tooling often passes empty strings for "not set". */
function readNumber(env: Env, name: string, fallback: number, integer = false): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  const valid = Number.isFinite(value) && value >= 0 && (!integer || (Number.isInteger(value) && value > 0));
  if (!valid) {
    const expected = integer ? 'a positive integer' : 'a non-negative number';
    throw new Error(`${name} must be ${expected}, got "${raw}"`);
  }
  return value;
}

/** Reads the OMS_ROUTING_* variables at start-up; a bad value throws an Error naming the variable. */
export function parseRoutingConfig(env: Env): RoutingConfig {
  const d = defaultRoutingConfig;
  return {
    expressMaxKm: readNumber(env, 'OMS_ROUTING_EXPRESS_MAX_KM', d.expressMaxKm),
    costPerKm: readNumber(env, 'OMS_ROUTING_COST_PER_KM', d.costPerKm),
    handlingCost: {
      warehouse: readNumber(env, 'OMS_ROUTING_HANDLING_WAREHOUSE', d.handlingCost.warehouse),
      store: readNumber(env, 'OMS_ROUTING_HANDLING_STORE', d.handlingCost.store),
    },
    maxAttempts: readNumber(env, 'OMS_ROUTING_MAX_ATTEMPTS', d.maxAttempts, true),
  };
}
