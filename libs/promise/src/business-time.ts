import type { LocationPromiseProfile } from '@oms/contracts';
import { minutesOf, weeklyIntervalsOf, type WeeklyIntervals } from './opening-hours';
import { instantOf, localTimeOf, weekdayOf } from './zoned-time';

/** How far ahead a location's next opening is looked for: a location closed for a year offers nothing. */
const HORIZON_DAYS = 400;

export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_PICKUP_LEAD_MINUTES = 120;

/** A location's hours, read once from its profile for the rules below. */
export interface Schedule {
  readonly zone: string;
  readonly week: WeeklyIntervals;
  /** Minute of the local day; absent: no cut-off. */
  readonly cutoff?: number;
}

/** Read once per profile object: the options for one cart ask for the same locations' hours many times. */
const schedules = new WeakMap<LocationPromiseProfile, Schedule>();

export const scheduleOf = (profile: LocationPromiseProfile): Schedule => {
  let schedule = schedules.get(profile);
  if (!schedule) {
    const cutoff = profile.dispatchCutoff === undefined ? undefined : minutesOf(profile.dispatchCutoff);
    schedule = { zone: profile.timezone ?? DEFAULT_TIMEZONE, week: weeklyIntervalsOf(profile.openingHours), ...(cutoff === undefined ? {} : { cutoff }) };
    schedules.set(profile, schedule);
  }
  return schedule;
};

/** The local day of an instant at the location. */
export const dayAt = (schedule: Schedule, instantMs: number): number => localTimeOf(schedule.zone, instantMs).day;

export const isOpenDay = (schedule: Schedule, day: number): boolean => schedule.week === undefined || schedule.week[weekdayOf(day)].length > 0;

/** The open intervals of a local day as instants, [open, close). */
export const openIntervals = (schedule: Schedule, day: number): Array<readonly [number, number]> =>
  schedule.week === undefined
    ? [[instantOf(schedule.zone, day, 0), instantOf(schedule.zone, day + 1, 0)]]
    : schedule.week[weekdayOf(day)].map(([open, close]) => [instantOf(schedule.zone, day, open), instantOf(schedule.zone, day, close)] as const);

/**
 * The instant `minutes` of opening time after `fromMs`: the time runs only
 * while the location is open, across closing times, nights and closed days.
 * Undefined when the location does not open within the horizon.
 */
export const afterOpenMinutes = (schedule: Schedule, fromMs: number, minutes: number): number | undefined => {
  let remaining = minutes * 60_000;
  const first = dayAt(schedule, fromMs);
  for (let day = first; day <= first + HORIZON_DAYS; day++) {
    if (!isOpenDay(schedule, day)) continue;
    for (const [open, close] of openIntervals(schedule, day)) {
      const start = Math.max(open, fromMs);
      if (start >= close) continue;
      if (start + remaining <= close) return start + remaining;
      remaining -= close - start;
    }
  }
  return undefined;
};

/** The first open day on or after `day`, or undefined beyond the horizon. */
export const openDayFrom = (schedule: Schedule, day: number): number | undefined => {
  for (let d = day; d <= day + HORIZON_DAYS; d++) if (isOpenDay(schedule, d)) return d;
  return undefined;
};

/** The day parcels ordered at `atMs` leave: today when it is an open day and the cut-off has not passed, else the next open day. */
export const dispatchDayOf = (schedule: Schedule, atMs: number): number | undefined => {
  const { day, minute } = localTimeOf(schedule.zone, atMs);
  if (isOpenDay(schedule, day) && (schedule.cutoff === undefined || minute < schedule.cutoff)) return day;
  return openDayFrom(schedule, day + 1);
};

/** When a parcel must have left on its dispatch day: the cut-off, or else the day's last closing (midnight when always open). */
export const dispatchDeadline = (schedule: Schedule, day: number): number => {
  if (schedule.cutoff !== undefined) return instantOf(schedule.zone, day, schedule.cutoff);
  const intervals = openIntervals(schedule, day);
  return intervals.length > 0 ? Math.max(...intervals.map(([, close]) => close)) : instantOf(schedule.zone, day + 1, 0);
};

/** The date `days` business days (Monday to Friday) after `day`. */
export const addBusinessDays = (day: number, days: number): number => {
  let d = day;
  for (let left = days; left > 0; ) {
    d += 1;
    if (weekdayOf(d) < 5) left -= 1;
  }
  return d;
};
