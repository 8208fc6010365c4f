import type { LocationView, OpeningHours, RapidDelivery } from '@oms/contracts/inventory.contracts';

/** A row of the `locations` read model as Postgres returns it. */
export interface LocationRow {
  location_id: string;
  name: string;
  type: LocationView['type'];
  lat: number;
  lon: number;
  pickup: boolean;
  ship_from_store: boolean;
  ship: boolean;
  capacity_per_day: number;
  pickup_hold_hours: number;
  active: boolean;
  timezone: string | null;
  opening_hours: OpeningHours | null;
  pickup_lead_minutes: number | null;
  dispatch_cutoff: string | null;
  rapid_delivery: RapidDelivery | null;
}

export const LOCATION_COLUMNS = 'location_id, name, type, lat, lon, pickup, ship_from_store, ship, capacity_per_day, pickup_hold_hours, active, timezone, opening_hours, pickup_lead_minutes, dispatch_cutoff, rapid_delivery';

export const locationOf = (row: LocationRow): LocationView => ({
  locationId: row.location_id,
  name: row.name,
  type: row.type,
  geo: { lat: row.lat, lon: row.lon },
  capabilities: { pickup: row.pickup, shipFromStore: row.ship_from_store, ship: row.ship },
  capacityPerDay: row.capacity_per_day,
  pickupHoldHours: row.pickup_hold_hours,
  active: row.active,
  ...(row.timezone === null ? {} : { timezone: row.timezone }),
  ...(row.opening_hours === null ? {} : { openingHours: row.opening_hours }),
  ...(row.pickup_lead_minutes === null ? {} : { pickupLeadMinutes: row.pickup_lead_minutes }),
  ...(row.dispatch_cutoff === null ? {} : { dispatchCutoff: row.dispatch_cutoff }),
  ...(row.rapid_delivery === null ? {} : { rapidDelivery: row.rapid_delivery }),
});
