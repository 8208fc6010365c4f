import type { SimulationPolicy } from '@oms/contracts/simulation.contracts';
import type { RoutingConfig } from '../routing/routing.config';

/** The routing configuration a simulation replays under: today's, with the policy's overrides. */
export const configUnder = (today: RoutingConfig, policy: SimulationPolicy): RoutingConfig => ({
  ...today,
  costPerKm: policy.costPerKm ?? today.costPerKm,
  expressMaxKm: policy.expressMaxKm ?? today.expressMaxKm,
  handlingCost: { warehouse: policy.handlingWarehouse ?? today.handlingCost.warehouse, store: policy.handlingStore ?? today.handlingCost.store },
});
