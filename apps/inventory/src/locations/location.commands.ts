import type { Command } from '@oms/contracts';
import type { LocationView } from '@oms/contracts/inventory.contracts';

/** Creates or replaces a location (`PUT /v1/locations/{locationId}`); `pickupHoldHours` defaults to 72, the promise fields as API.md says. */
export type DefineLocation = Command<
  'DefineLocation',
  Omit<LocationView, 'pickupHoldHours'> & { readonly pickupHoldHours?: number }
>;

export type LocationCommand = DefineLocation;
