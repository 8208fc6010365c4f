import type { FieldError, LocationPromiseProfile, OpeningHours } from '@oms/contracts';
import { WEEKDAYS } from '@oms/contracts';
import { isTimeZone } from './zoned-time';

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of a local `HH:MM`; `24:00` is accepted where a day ends. */
export const minutesOf = (clock: string, allowEndOfDay = false): number | undefined => {
  if (allowEndOfDay && clock === '24:00') return 1440;
  const match = CLOCK.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
};

/** A week of opening intervals in minutes of the local day, Monday first; `undefined` means always open. */
export type WeeklyIntervals = readonly (readonly (readonly [number, number])[])[] | undefined;

/** The intervals of each weekday, sorted, for the promise rules (assumes a valid definition). */
export const weeklyIntervalsOf = (hours: OpeningHours | undefined): WeeklyIntervals =>
  hours === undefined
    ? undefined
    : WEEKDAYS.map((day) =>
        (hours[day] ?? []).map(([open, close]) => [minutesOf(open)!, minutesOf(close, true)!] as const).sort((a, b) => a[0] - b[0]),
      );

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a week of opening hours: unknown days, clocks that are not `HH:MM`, empty or overlapping intervals. */
export const openingHoursViolations = (hours: unknown, path = 'openingHours'): FieldError[] => {
  if (!isPlainObject(hours)) return [{ path, message: 'must be an object of weekdays (mon … sun), each a list of ["HH:MM", "HH:MM"] intervals' }];
  const errors: FieldError[] = [];
  for (const key of Object.keys(hours)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) errors.push({ path: `${path}.${key}`, message: `is not a weekday; use ${WEEKDAYS.join(', ')}` });
  }
  for (const day of WEEKDAYS) {
    const intervals = hours[day];
    if (intervals === undefined) continue;
    if (!Array.isArray(intervals) || intervals.length > 24) {
      errors.push({ path: `${path}.${day}`, message: 'must be a list of at most 24 ["HH:MM", "HH:MM"] intervals' });
      continue;
    }
    const parsed: Array<[number, number, number]> = [];
    intervals.forEach((interval: unknown, i) => {
      const at = `${path}.${day}.${i}`;
      if (!Array.isArray(interval) || interval.length !== 2 || typeof interval[0] !== 'string' || typeof interval[1] !== 'string') {
        errors.push({ path: at, message: 'must be ["HH:MM", "HH:MM"]' });
        return;
      }
      const open = minutesOf(interval[0]);
      const close = minutesOf(interval[1], true);
      if (open === undefined) errors.push({ path: `${at}.0`, message: 'must be a local time HH:MM (00:00 to 23:59)' });
      if (close === undefined) errors.push({ path: `${at}.1`, message: 'must be a local time HH:MM (00:01 to 24:00)' });
      if (open === undefined || close === undefined) return;
      if (close <= open) errors.push({ path: at, message: 'must close after it opens, on the same day' });
      else parsed.push([open, close, i]);
    });
    parsed.sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < parsed.length; k++) {
      if (parsed[k][0] < parsed[k - 1][1]) errors.push({ path: `${path}.${day}.${parsed[k][2]}`, message: `overlaps interval ${parsed[k - 1][2]} of the same day` });
    }
  }
  return errors;
};

/** What is wrong with a location's promise fields (API.md "Promise"); absent fields are fine. */
export const promiseProfileViolations = (profile: { readonly [K in keyof LocationPromiseProfile]?: unknown }): FieldError[] => {
  const errors: FieldError[] = [];
  const { timezone, openingHours, pickupLeadMinutes, dispatchCutoff, rapidDelivery } = profile;
  if (timezone !== undefined && (typeof timezone !== 'string' || !isTimeZone(timezone))) {
    errors.push({ path: 'timezone', message: 'must be an IANA time zone name such as Europe/Paris' });
  }
  if (openingHours !== undefined) errors.push(...openingHoursViolations(openingHours));
  if (pickupLeadMinutes !== undefined && !isPositiveMinutes(pickupLeadMinutes)) {
    errors.push({ path: 'pickupLeadMinutes', message: 'must be a whole number of minutes, more than 0 (at most 43200)' });
  }
  if (dispatchCutoff !== undefined && (typeof dispatchCutoff !== 'string' || minutesOf(dispatchCutoff) === undefined)) {
    errors.push({ path: 'dispatchCutoff', message: 'must be a local time HH:MM' });
  }
  if (rapidDelivery !== undefined) {
    if (!isPlainObject(rapidDelivery)) errors.push({ path: 'rapidDelivery', message: 'must be { radiusKm, minutes }' });
    else {
      const { radiusKm, minutes } = rapidDelivery;
      if (typeof radiusKm !== 'number' || !Number.isFinite(radiusKm) || radiusKm <= 0 || radiusKm > 1000) {
        errors.push({ path: 'rapidDelivery.radiusKm', message: 'must be a number of kilometres, more than 0 (at most 1000)' });
      }
      if (!isPositiveMinutes(minutes)) errors.push({ path: 'rapidDelivery.minutes', message: 'must be a whole number of minutes, more than 0 (at most 43200)' });
    }
  }
  return errors;
};

const isPositiveMinutes = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 43_200;
