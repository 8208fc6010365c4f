import { envNumber } from '@oms/messaging/env-number';

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

/** Reads the OMS_ROUTING_* variables at start-up; a bad value throws an Error naming the variable. */
export function parseRoutingConfig(env: Record<string, string | undefined>): RoutingConfig {
  const d = defaultRoutingConfig;
  return {
    expressMaxKm: envNumber(env, 'OMS_ROUTING_EXPRESS_MAX_KM', { fallback: d.expressMaxKm }),
    costPerKm: envNumber(env, 'OMS_ROUTING_COST_PER_KM', { fallback: d.costPerKm }),
    handlingCost: {
      warehouse: envNumber(env, 'OMS_ROUTING_HANDLING_WAREHOUSE', { fallback: d.handlingCost.warehouse }),
      store: envNumber(env, 'OMS_ROUTING_HANDLING_STORE', { fallback: d.handlingCost.store }),
    },
    maxAttempts: envNumber(env, 'OMS_ROUTING_MAX_ATTEMPTS', { fallback: d.maxAttempts, min: 1, integer: true }),
  };
}
