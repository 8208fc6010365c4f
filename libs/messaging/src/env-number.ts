export interface EnvNumberRule {
  readonly fallback: number;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/**
 * The one reader of numeric configuration: an unset or blank variable keeps
 * the default (container tooling often passes empty strings for "not set"),
 * anything else out of range stops start-up with a message naming the variable.
 */
export const envNumber = (env: Record<string, string | undefined>, name: string, rule: EnvNumberRule): number => {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return rule.fallback;
  const { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false } = rule;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value)))
    throw new Error(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got "${raw}"`);
  return value;
};
