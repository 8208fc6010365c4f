import type { ReservationLine } from '@oms/contracts/inventory.contracts';
import { InvalidRequest } from '@oms/messaging/request-shape';

/** Each stock item once per request, whole positive quantities: what a reservation, release or commit can act on. */
export const checkReservationLines = (lines: readonly ReservationLine[]): void => {
  const seen = new Set<string>();
  const errors = lines.flatMap((line, i) => {
    const key = `${line.locationId}\u0000${line.sku}`;
    const problems = [];
    if (!Number.isInteger(line.quantity) || line.quantity < 1) problems.push({ path: `lines.${i}.quantity`, message: 'must be a whole number, 1 or more' });
    if (seen.has(key)) problems.push({ path: `lines.${i}`, message: 'names a location and SKU already in an earlier line' });
    seen.add(key);
    return problems;
  });
  if (errors.length > 0) throw new InvalidRequest(errors);
};
