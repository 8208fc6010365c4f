import { DEFAULT_TRANSIT_DAYS, type TransitDays } from '@oms/promise/promise-rules';

/** Reads OMS_TRANSIT_DAYS (`{"standard":2,"express":1}`, business days); unset or blank keeps the defaults, a bad value throws naming it. */
export function parseTransitDays(env: Record<string, string | undefined>): TransitDays {
  const raw = env.OMS_TRANSIT_DAYS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_TRANSIT_DAYS;
  const fail = (why: string): never => {
    throw new Error(`OMS_TRANSIT_DAYS ${why}, e.g. {"standard":2,"express":1}; got ${raw}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return fail('must be JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return fail('must be a JSON object');
  const given = parsed as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => key !== 'standard' && key !== 'express');
  if (unknown.length > 0) fail(`has unknown speeds ${unknown.join(', ')}`);
  const days = (speed: keyof TransitDays): number => {
    const value = given[speed] ?? DEFAULT_TRANSIT_DAYS[speed];
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 60 ? value : fail(`.${speed} must be a whole number of business days from 0 to 60`);
  };
  return { standard: days('standard'), express: days('express') };
}
