import type { DataSource } from 'typeorm';

/** Midnight UTC of the given instant: capacity is counted per UTC day. */
export const startOfUtcDay = (now: Date): string => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();

/**
 * Reservations each location took today, for routing's capacity rule: the
 * day's counts, written with the reservation lines (a few rows per location),
 * shared for up to a second. capacityPerDay is a daily workload limit, where a
 * second's worth of orders over it is acceptable, unlike stock, which is
 * checked exactly.
 */
export class ReservationsToday {
  private cached?: { day: string; at: number; counts: Promise<Map<string, number>> };

  constructor(private readonly db: DataSource, private readonly maxAgeMs = 1000) {}

  counts(now: Date): Promise<Map<string, number>> {
    const day = startOfUtcDay(now);
    const fresh = this.cached && this.cached.day === day && now.getTime() - this.cached.at < this.maxAgeMs;
    if (!fresh) {
      const counts = this.db
        .query(`select location_id, sum(reservations)::int as taken from location_day_reservations where day = $1 group by location_id`, [day.slice(0, 10)])
        .then((rows: Array<{ location_id: string; taken: number }>) => new Map(rows.map((r) => [r.location_id, r.taken])));
      this.cached = { day, at: now.getTime(), counts };
      counts.catch(() => (this.cached = undefined));
    }
    return this.cached!.counts;
  }
}
