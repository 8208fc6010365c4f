import type { LocationPromiseProfile } from '@oms/contracts';
import {
  addBusinessDays,
  afterOpenMinutes,
  DEFAULT_PICKUP_LEAD_MINUTES,
  dispatchDayOf,
  dispatchDeadline,
  scheduleOf,
} from './business-time';
import { instantOf } from './zoned-time';

/** Parcel transit in business days (Monday to Friday), by speed: `OMS_TRANSIT_DAYS`. */
export interface TransitDays {
  readonly standard: number;
  readonly express: number;
}

export const DEFAULT_TRANSIT_DAYS: TransitDays = { standard: 2, express: 1 };

/** Parcels are promised by this local time of the source on their delivery day. */
const PARCEL_DELIVERY_MINUTE = 18 * 60;

/** Each rule answers instants in epoch milliseconds, or undefined when the location never opens. */
export interface Promised {
  /** When the customer has it: ready for pickup, or delivered. */
  readonly by: number;
  /** When the source's work must be done: ready (pickup), delivered (rapid), or dispatched (parcels). */
  readonly dueBy: number;
}

/** Pickup of stock held at the store: ready once its lead time has run while it is open. */
export const pickupPromise = (store: LocationPromiseProfile, atMs: number): Promised | undefined => {
  const ready = afterOpenMinutes(scheduleOf(store), atMs, store.pickupLeadMinutes ?? DEFAULT_PICKUP_LEAD_MINUTES);
  return ready === undefined ? undefined : { by: ready, dueBy: ready };
};

/**
 * A parcel from `source` to the customer: it leaves on the dispatch day and is
 * delivered by 18:00 (source time) `transit` business days later.
 */
export const parcelPromise = (source: LocationPromiseProfile, atMs: number, speed: keyof TransitDays, transit: TransitDays): Promised | undefined => {
  const schedule = scheduleOf(source);
  const dispatchDay = dispatchDayOf(schedule, atMs);
  if (dispatchDay === undefined) return undefined;
  return { by: instantOf(schedule.zone, addBusinessDays(dispatchDay, transit[speed]), PARCEL_DELIVERY_MINUTE), dueBy: dispatchDeadline(schedule, dispatchDay) };
};

/**
 * Goods sent from `source` to `store` for pickup: they leave on the source's
 * dispatch day, reach the store after the standard transit days at its
 * opening, then take the store's lead time. `dueBy` is the source's dispatch.
 */
export const shipToStorePromise = (source: LocationPromiseProfile, store: LocationPromiseProfile, atMs: number, transit: TransitDays): Promised | undefined => {
  const from = scheduleOf(source);
  const dispatchDay = dispatchDayOf(from, atMs);
  if (dispatchDay === undefined) return undefined;
  const to = scheduleOf(store);
  const arrives = instantOf(to.zone, addBusinessDays(dispatchDay, transit.standard), 0);
  const ready = afterOpenMinutes(to, arrives, store.pickupLeadMinutes ?? DEFAULT_PICKUP_LEAD_MINUTES);
  return ready === undefined ? undefined : { by: ready, dueBy: dispatchDeadline(from, dispatchDay) };
};

/** Rapid delivery from a store: its minutes run while it is open, from now or its next opening. */
export const rapidPromise = (store: LocationPromiseProfile, atMs: number): Promised | undefined => {
  if (!store.rapidDelivery) return undefined;
  const delivered = afterOpenMinutes(scheduleOf(store), atMs, store.rapidDelivery.minutes);
  return delivered === undefined ? undefined : { by: delivered, dueBy: delivered };
};
