/** Fields that must never leave the system, whatever event carries them. */
const SECRET_FIELDS = new Set(['pickupCodeHash', 'pickupCode', 'bodyHash', 'idempotencyKey']);

/** Event data as it may be shown outside (the live feed, webhooks, an order's history): without secret fields, however deep. */
export const withoutSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SECRET_FIELDS.has(key)).map(([key, v]) => [key, withoutSecrets(v)]));
};

/** The locations an event concerns (a fulfilment's source and pickup store, a stock item's location), for location filters. */
export const locationsOf = (data: Record<string, unknown>): string[] =>
  [data.locationId, data.pickupLocationId].filter((value): value is string => typeof value === 'string');
