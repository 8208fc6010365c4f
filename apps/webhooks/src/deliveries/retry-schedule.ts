const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `5s`, `2m`, `10h`, `5d` → milliseconds; undefined when it is not such a duration. */
export const parseDuration = (text: string): number | undefined => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * UNIT_MS[match[2]];
  return value > 0 ? value : undefined;
};

/**
 * Pauses before each retry: the first within seconds, then growing, adding
 * up to more than 24 hours even with the jitter taking 20 % off each
 * (5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 10 h: about 37 h).
 */
export const DEFAULT_RETRY_SCHEDULE = '5s,1m,5m,30m,2h,5h,10h,10h,10h';

/** A comma-separated list of durations (OMS_WEBHOOK_RETRY_SCHEDULE); throws naming the bad item. */
export const parseRetrySchedule = (text: string): number[] => {
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new Error('must list at least one duration');
  return items.map((item) => {
    const ms = parseDuration(item);
    if (ms === undefined) throw new Error(`"${item}" is not a duration such as 500ms, 5s, 2m, 10h or 1d`);
    return ms;
  });
};

/** ±20 % around the scheduled pause, so that endpoints that failed together are not retried together. */
export const withJitter = (delayMs: number, random: number): number => Math.round(delayMs * (0.8 + 0.4 * random));

export type AttemptResult = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly status: number | null; readonly error: string };

export type NextStep =
  | { readonly status: 'delivered' }
  | { readonly status: 'pending'; readonly nextAttemptAt: Date }
  | { readonly status: 'failed' };

/**
 * What follows attempt number `attempts` (1 for the first): delivered on a
 * 2xx; otherwise the next pause of the schedule, or failed once the
 * schedule is used up.
 */
export const nextStep = (attempts: number, result: AttemptResult, schedule: readonly number[], now: Date, random: number): NextStep => {
  if (result.ok) return { status: 'delivered' };
  if (attempts > schedule.length) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + withJitter(schedule[attempts - 1], random)) };
};

/** An endpoint that has failed without a success for this long is disabled. */
export const shouldDisable = (failingSince: Date, now: Date, disableAfterMs: number): boolean => now.getTime() - failingSince.getTime() >= disableAfterMs;
