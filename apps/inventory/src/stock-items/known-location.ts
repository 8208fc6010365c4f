import type { Tx } from '@oms/event-store';
import { activeFlags } from '../locations/location-directory/location-directory.query';
import { LocationNotFound } from '../locations/location.errors';

/** Stock lives at a defined location: counting or adjusting at an unknown one is a 404, not a new stream. */
export const requireKnownLocation = async (tx: Tx, locationId: string): Promise<void> => {
  if (!(await activeFlags(tx, [locationId])).has(locationId)) throw new LocationNotFound(locationId);
};
