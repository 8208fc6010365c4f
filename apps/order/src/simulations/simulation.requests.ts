import type { SimulationPolicy, StartSimulationRequest } from '@oms/contracts/simulation.contracts';
import { RequestShape } from '@oms/messaging/request-shape';

const POLICY_FIELDS = ['costPerKm', 'handlingWarehouse', 'handlingStore', 'expressMaxKm'] as const;

/** { from, to, policy }: a window in the past, from before to; policy numbers 0 or more. */
export const startSimulationFrom = (payload: unknown): StartSimulationRequest => {
  const shape = new RequestShape(payload);
  const from = shape.optionalInstant('from');
  const to = shape.optionalInstant('to');
  if (!from) shape.problem('from', 'is required');
  if (!to) shape.problem('to', 'is required');
  if (from && to && from >= to) shape.problem('to', 'must be after from');
  const policy: Record<string, number> = {};
  for (const field of POLICY_FIELDS) {
    const value = shape.optionalNumberBetween(`policy.${field}`, 0, 1_000_000);
    if (value !== undefined) policy[field] = value;
  }
  return shape.done({ from: from!, to: to!, policy: policy as SimulationPolicy });
};

export const simulationIdFrom = (payload: unknown): string => {
  const shape = new RequestShape(payload);
  return shape.done(shape.text('simulationId'));
};
