import type { InlineProjection, RecordedEvent, Tx } from '@oms/event-store';
import type { LocationDefined } from '../location.events';

/** A definition is whole, so the row is simply replaced; the last one appended wins. */
export const projectLocationDirectory: InlineProjection = async (tx: Tx, events: readonly RecordedEvent[]) => {
  for (const event of events) {
    if (event.type !== 'LocationDefined') continue;
    const { location, definedAt } = (event as RecordedEvent<LocationDefined>).data;
    await tx.query(
      `insert into locations (location_id, name, type, lat, lon, pickup, ship_from_store, ship, capacity_per_day, pickup_hold_hours, active, defined_at,
                              timezone, opening_hours, pickup_lead_minutes, dispatch_cutoff, rapid_delivery)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       on conflict (location_id) do update set
         name = excluded.name, type = excluded.type, lat = excluded.lat, lon = excluded.lon, pickup = excluded.pickup,
         ship_from_store = excluded.ship_from_store, ship = excluded.ship, capacity_per_day = excluded.capacity_per_day,
         pickup_hold_hours = excluded.pickup_hold_hours, active = excluded.active, defined_at = excluded.defined_at,
         timezone = excluded.timezone, opening_hours = excluded.opening_hours, pickup_lead_minutes = excluded.pickup_lead_minutes,
         dispatch_cutoff = excluded.dispatch_cutoff, rapid_delivery = excluded.rapid_delivery`,
      [
        location.locationId,
        location.name,
        location.type,
        location.geo.lat,
        location.geo.lon,
        location.capabilities.pickup,
        location.capabilities.shipFromStore,
        location.capabilities.ship,
        location.capacityPerDay,
        location.pickupHoldHours,
        location.active,
        definedAt,
        location.timezone ?? null,
        location.openingHours === undefined ? null : JSON.stringify(location.openingHours),
        location.pickupLeadMinutes ?? null,
        location.dispatchCutoff ?? null,
        location.rapidDelivery === undefined ? null : JSON.stringify(location.rapidDelivery),
      ],
    );
  }
};
