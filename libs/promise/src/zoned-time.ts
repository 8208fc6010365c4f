/**
 * Civil time in IANA time zones through Intl alone. A local date is a day
 * number (days since 1970-01-01 on the local calendar), a local time a
 * minute of that day, so that weekdays and day arithmetic stay integer maths.
 */

const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** Offsets only change on quarter hours of UTC in every zone of the tz database, so one reading serves 15 minutes. */
const OFFSET_BUCKET_MS = 15 * MINUTE_MS;
const MAX_CACHED_OFFSETS = 50_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

/** Zone names only (`Europe/Paris`, `UTC`): Intl also takes offsets such as `+01:00`, which follow no daylight-saving rules. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Whether the runtime knows this IANA time zone. */
export const isTimeZone = (name: string): boolean => {
  if (!ZONE_NAME.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
};

/** The zone's offset from UTC in milliseconds at the instant. */
export const offsetAt = (zone: string, instantMs: number): number => {
  const bucket = Math.floor(instantMs / OFFSET_BUCKET_MS) * OFFSET_BUCKET_MS;
  const key = `${zone}@${bucket}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts = formatterFor(zone).formatToParts(new Date(bucket));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'));
  const offset = local - bucket;
  if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
  offsets.set(key, offset);
  return offset;
};

/** The local date (day number) and minute of the day of an instant. */
export const localTimeOf = (zone: string, instantMs: number): { readonly day: number; readonly minute: number } => {
  const local = instantMs + offsetAt(zone, instantMs);
  const day = Math.floor(local / DAY_MS);
  return { day, minute: Math.floor((local - day * DAY_MS) / MINUTE_MS) };
};

/**
 * The instant of a local date and minute (1440 is the next midnight). A time
 * skipped by a spring-forward change lands just after the gap; a time repeated
 * by a fall-back change is the later one.
 */
export const instantOf = (zone: string, day: number, minute: number): number => {
  const local = day * DAY_MS + minute * MINUTE_MS;
  const first = local - offsetAt(zone, local);
  const second = offsetAt(zone, first);
  return second === offsetAt(zone, local) ? first : local - second;
};

/** 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;
