import { WEEKDAYS, type LocationView, type OpeningHours, type Weekday } from '@oms/contracts';
import type { FieldProblem } from '../api/client';

/** The edit form's fields as typed: text, so that a half-typed number is kept and the API names what is wrong. */
export interface LocationForm {
  name: string;
  type: string;
  lat: string;
  lon: string;
  pickup: boolean;
  shipFromStore: boolean;
  ship: boolean;
  capacityPerDay: string;
  pickupHoldHours: string;
  active: boolean;
  timezone: string;
  pickupLeadMinutes: string;
  dispatchCutoff: string;
  rapidRadiusKm: string;
  rapidMinutes: string;
  /** Per weekday, "09:00-12:30, 14:00-19:00". */
  hours: Record<Weekday, string>;
}

export const formOf = (l: LocationView): LocationForm => ({
  name: l.name,
  type: l.type,
  lat: String(l.geo.lat),
  lon: String(l.geo.lon),
  ...l.capabilities,
  capacityPerDay: String(l.capacityPerDay),
  pickupHoldHours: String(l.pickupHoldHours),
  active: l.active,
  timezone: l.timezone ?? '',
  pickupLeadMinutes: l.pickupLeadMinutes === undefined ? '' : String(l.pickupLeadMinutes),
  dispatchCutoff: l.dispatchCutoff ?? '',
  rapidRadiusKm: l.rapidDelivery ? String(l.rapidDelivery.radiusKm) : '',
  rapidMinutes: l.rapidDelivery ? String(l.rapidDelivery.minutes) : '',
  hours: Object.fromEntries(WEEKDAYS.map((day) => [day, (l.openingHours?.[day] ?? []).map(([open, close]) => `${open}-${close}`).join(', ')])) as Record<Weekday, string>,
});

/** A number as typed; what is not one goes to the API as the text, which names the field in its 422. */
const numberOr = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

const hoursOf = (hours: Record<Weekday, string>): OpeningHours | undefined => {
  if (WEEKDAYS.every((day) => hours[day].trim() === '')) return undefined;
  return Object.fromEntries(
    WEEKDAYS.map((day) => [day, hours[day].split(',').map((s) => s.trim()).filter(Boolean).map((interval) => interval.split('-').map((t) => t.trim()) as [string, string])]),
  );
};

/** The PUT body: the promise fields only when filled in, so an empty one takes its default. */
export const bodyOf = (f: LocationForm): object => {
  const openingHours = hoursOf(f.hours);
  return {
    name: f.name,
    type: f.type,
    geo: { lat: numberOr(f.lat), lon: numberOr(f.lon) },
    capabilities: { pickup: f.pickup, shipFromStore: f.shipFromStore, ship: f.ship },
    capacityPerDay: numberOr(f.capacityPerDay),
    ...(f.pickupHoldHours.trim() ? { pickupHoldHours: numberOr(f.pickupHoldHours) } : {}),
    active: f.active,
    ...(f.timezone.trim() ? { timezone: f.timezone.trim() } : {}),
    ...(openingHours ? { openingHours } : {}),
    ...(f.pickupLeadMinutes.trim() ? { pickupLeadMinutes: numberOr(f.pickupLeadMinutes) } : {}),
    ...(f.dispatchCutoff.trim() ? { dispatchCutoff: f.dispatchCutoff.trim() } : {}),
    ...(f.rapidRadiusKm.trim() || f.rapidMinutes.trim() ? { rapidDelivery: { radiusKm: numberOr(f.rapidRadiusKm), minutes: numberOr(f.rapidMinutes) } } : {}),
  };
};

/** The problems of one field: its path, or anything under it (`geo.lat`, `openingHours.mon[0]`). */
export const problemsAt = (errors: readonly FieldProblem[], path: string): string[] =>
  errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`)).map((e) => e.message);
