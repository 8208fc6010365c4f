import { repeatedSkus } from '@oms/contracts/order.contracts';
import { RequestShape } from '@oms/messaging/request-shape';
import type { OptionsAsked } from './fulfilment-options';

export const DEFAULT_PICKUP_RADIUS_KM = 30;
/** The instants `at` may name: any a checkout could ask about, and none so far off that a time zone has no rules for it. */
const EARLIEST_AT_MS = Date.parse('2000-01-01T00:00:00Z');
const LATEST_AT_MS = Date.parse('2100-01-01T00:00:00Z');

/** Reads a `POST /v1/fulfilment-options` body; `nowMs` stands in for an absent `at`. */
export const fulfilmentOptionsFrom = (payload: unknown, nowMs: number): OptionsAsked => {
  const s = new RequestShape(payload);
  const lines = s.list(
    'lines',
    (prefix) => {
      const quantity = s.number(`${prefix}.quantity`);
      if (quantity !== undefined && !(Number.isInteger(quantity) && quantity >= 1 && quantity <= 1000)) s.problem(`${prefix}.quantity`, 'must be a whole number from 1 to 1000');
      return { sku: s.text(`${prefix}.sku`), quantity };
    },
    100,
  );
  for (const i of repeatedSkus(Array.isArray(lines) ? lines : [])) s.problem(`lines.${i}.sku`, 'appears on an earlier line');
  const lat = s.optionalNumberBetween('destination.lat', -90, 90);
  const lon = s.optionalNumberBetween('destination.lon', -180, 180);
  if ((payload as { destination?: { lat?: unknown } } | null)?.destination?.lat === undefined) s.problem('destination.lat', 'is required');
  if ((payload as { destination?: { lon?: unknown } } | null)?.destination?.lon === undefined) s.problem('destination.lon', 'is required');
  const radiusKm = s.optionalNumberBetween('radiusKm', 0.1, 500) ?? DEFAULT_PICKUP_RADIUS_KM;
  const at = s.optionalText('at');
  const atMs = at === undefined ? nowMs : Date.parse(at);
  if (at !== undefined && !(atMs >= EARLIEST_AT_MS && atMs < LATEST_AT_MS)) s.problem('at', 'must be an ISO 8601 time from 2000 to 2099');
  return s.done({ lines, destination: { lat: lat!, lon: lon! }, atMs, radiusKm });
};
