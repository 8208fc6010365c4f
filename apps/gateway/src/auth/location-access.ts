import { DomainError } from '@oms/contracts';
import type { Caller } from './caller';

const otherLocation = (caller: Caller) =>
  new DomainError('AUTH.OTHER_LOCATION', 'forbidden', `This store key may only act on location ${caller.locationId}`);

/**
 * Throws 403 when a store key acts on a resource of another location. Pass
 * every location the resource belongs to (a ship-to-store fulfilment has two);
 * undefined entries are ignored. Other roles always pass.
 */
export const assertLocationAccess = (caller: Caller, ...locationIds: (string | null | undefined)[]): void => {
  if (caller.role !== 'store') return;
  if (!locationIds.some((id) => id === caller.locationId)) throw otherLocation(caller);
};

/**
 * The location a list query is restricted to: a store key sees only its own
 * (asking for another is 403); other roles get what they asked for.
 */
export const scopeToLocation = (caller: Caller, requested: string | undefined): string | undefined => {
  if (caller.role !== 'store') return requested;
  if (requested !== undefined && requested !== caller.locationId) throw otherLocation(caller);
  return caller.locationId;
};
