import type { LocationView } from '@oms/contracts/inventory.contracts';

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
}

export const LOCATION_COLUMNS = 'location_id, name, type, lat, lon, pickup, ship_from_store, ship, capacity_per_day, pickup_hold_hours, active';

export const locationOf = (row: LocationRow): LocationView => ({
  locationId: row.location_id,
  name: row.name,
  type: row.type,
  geo: { lat: row.lat, lon: row.lon },
  capabilities: { pickup: row.pickup, shipFromStore: row.ship_from_store, ship: row.ship },
  capacityPerDay: row.capacity_per_day,
  pickupHoldHours: row.pickup_hold_hours,
  active: row.active,
});
