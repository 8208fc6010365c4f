import { assertNever, type FieldError } from '@oms/contracts';
import { WEEKDAYS, type LocationPromiseProfile, type LocationView } from '@oms/contracts/inventory.contracts';
import type { Decider } from '@oms/event-store/decider';
import { promiseProfileViolations } from '@oms/promise/opening-hours';
import type { LocationCommand } from './location.commands';
import { InvalidLocation } from './location.errors';
import type { LocationEvent } from './location.events';

export const DEFAULT_PICKUP_HOLD_HOURS = 72;

export const locationStreamId = (locationId: string): string => `location-${locationId}`;

export type LocationState =
  | { readonly status: 'unknown' }
  | { readonly status: 'defined'; readonly location: LocationView };

export const initialState: LocationState = { status: 'unknown' };

/** The rules the gateway's shape checks cannot know: what each type of location can do, and sane numbers. */
const ruleViolations = (location: LocationView): FieldError[] => {
  const errors: FieldError[] = [];
  const { capabilities, geo } = location;
  if (location.type === 'warehouse') {
    if (!capabilities.ship) errors.push({ path: 'capabilities.ship', message: 'must be true: a warehouse ships' });
    if (capabilities.pickup) errors.push({ path: 'capabilities.pickup', message: 'must be false: customers collect in stores, not warehouses' });
    if (capabilities.shipFromStore) errors.push({ path: 'capabilities.shipFromStore', message: 'must be false: only a store ships from store' });
  } else if (capabilities.ship) {
    errors.push({ path: 'capabilities.ship', message: 'must be false: a store ships through shipFromStore' });
  }
  if (!Number.isInteger(location.capacityPerDay) || location.capacityPerDay < 0) {
    errors.push({ path: 'capacityPerDay', message: 'must be a whole number, 0 or more' });
  }
  if (!Number.isFinite(location.pickupHoldHours) || location.pickupHoldHours <= 0) {
    errors.push({ path: 'pickupHoldHours', message: 'must be more than 0 hours' });
  }
  if (!(geo.lat >= -90 && geo.lat <= 90)) errors.push({ path: 'geo.lat', message: 'must be between -90 and 90' });
  if (!(geo.lon >= -180 && geo.lon <= 180)) errors.push({ path: 'geo.lon', message: 'must be between -180 and 180' });
  return errors;
};

const sameDefinition = (a: LocationView, b: LocationView): boolean =>
  a.name === b.name &&
  a.type === b.type &&
  a.geo.lat === b.geo.lat &&
  a.geo.lon === b.geo.lon &&
  a.capabilities.pickup === b.capabilities.pickup &&
  a.capabilities.shipFromStore === b.capabilities.shipFromStore &&
  a.capabilities.ship === b.capabilities.ship &&
  a.capacityPerDay === b.capacityPerDay &&
  a.pickupHoldHours === b.pickupHoldHours &&
  a.active === b.active &&
  JSON.stringify(promiseProfileOf(a)) === JSON.stringify(promiseProfileOf(b));

/**
 * The promise fields given, copied key by key in a fixed order (so that two
 * equal profiles serialise alike); absent ones stay absent and mean the defaults.
 */
const promiseProfileOf = (data: LocationPromiseProfile): LocationPromiseProfile => {
  const { timezone, openingHours, pickupLeadMinutes, dispatchCutoff, rapidDelivery } = data;
  const hours =
    openingHours !== null && typeof openingHours === 'object' && !Array.isArray(openingHours)
      ? Object.fromEntries(WEEKDAYS.filter((day) => openingHours[day] !== undefined).map((day) => [day, openingHours[day]]))
      : openingHours;
  return {
    ...(timezone === undefined ? {} : { timezone }),
    ...(openingHours === undefined ? {} : { openingHours: hours }),
    ...(pickupLeadMinutes === undefined ? {} : { pickupLeadMinutes }),
    ...(dispatchCutoff === undefined ? {} : { dispatchCutoff }),
    ...(rapidDelivery === undefined ? {} : { rapidDelivery: rapidDelivery !== null && typeof rapidDelivery === 'object' ? { radiusKm: rapidDelivery.radiusKm, minutes: rapidDelivery.minutes } : rapidDelivery }),
  };
};

export const decide = (command: LocationCommand, state: LocationState): LocationEvent[] => {
  switch (command.type) {
    case 'DefineLocation': {
      const { data } = command;
      // Field by field, so that nothing the caller added beyond the view ends up in the stored event.
      const location: LocationView = {
        locationId: data.locationId,
        name: data.name,
        type: data.type,
        geo: { lat: data.geo.lat, lon: data.geo.lon },
        capabilities: { pickup: data.capabilities.pickup, shipFromStore: data.capabilities.shipFromStore, ship: data.capabilities.ship },
        capacityPerDay: data.capacityPerDay,
        pickupHoldHours: data.pickupHoldHours ?? DEFAULT_PICKUP_HOLD_HOURS,
        active: data.active,
        ...promiseProfileOf(data),
      };
      // The promise fields are checked as sent: the copy above keeps only what it knows (an unknown weekday would vanish).
      const errors = [...ruleViolations(location), ...promiseProfileViolations(data)];
      if (errors.length > 0) throw new InvalidLocation(location.locationId, errors);
      // A repeated PUT is a retry or a sync with nothing new: no event, no noise downstream.
      if (state.status === 'defined' && sameDefinition(state.location, location)) return [];
      return [{ type: 'LocationDefined', data: { location, definedAt: command.metadata.now } }];
    }
    default:
      return assertNever(command.type);
  }
};

export const evolve = (state: LocationState, event: LocationEvent): LocationState => {
  switch (event.type) {
    case 'LocationDefined':
      return { status: 'defined', location: event.data.location };
    default:
      return assertNever(event.type);
  }
};

export const locationDecider: Decider<LocationCommand, LocationEvent, LocationState> = { decide, evolve, initialState };
