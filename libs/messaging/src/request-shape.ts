import { DomainError, type FieldError } from '@oms/contracts';

/** A request whose shape is wrong never reaches a decider; every wrong field is named at once. */
export class InvalidRequest extends DomainError {
  constructor(errors: readonly FieldError[]) {
    super('REQUEST.INVALID', 'validation', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
  }
}

/**
 * Reads fields of an untrusted payload (a NATS message), collecting what is
 * wrong instead of stopping at the first problem. Rules beyond the shape live
 * in the deciders.
 */
export class RequestShape {
  private readonly errors: FieldError[] = [];

  constructor(private readonly payload: unknown) {}

  private raw(path: string): unknown {
    return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), this.payload);
  }

  private fail<T>(path: string, message: string): T {
    this.errors.push({ path, message });
    return undefined as T;
  }

  text(path: string): string {
    const value = this.raw(path);
    return typeof value === 'string' && value.trim().length > 0 && value.length <= 200 ? value : this.fail(path, 'must be a non-empty string of at most 200 characters');
  }

  optionalText(path: string): string | undefined {
    return this.raw(path) === undefined ? undefined : this.text(path);
  }

  number(path: string): number {
    const value = this.raw(path);
    return typeof value === 'number' && Number.isFinite(value) ? value : this.fail(path, 'must be a number');
  }

  quantity(path: string): number {
    const value = this.raw(path);
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1_000_000 ? value : this.fail(path, 'must be a whole number, 0 or more');
  }

  /** A whole number within [min, max], or `fallback` when absent. */
  integer(path: string, min: number, max: number, fallback: number): number {
    const value = this.raw(path);
    if (value === undefined) return fallback;
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : this.fail(path, `must be a whole number from ${min} to ${max}`);
  }

  optionalOneOf<T extends string>(path: string, allowed: readonly T[]): T | undefined {
    return this.raw(path) === undefined ? undefined : this.oneOf(path, allowed);
  }

  optionalNumber(path: string): number | undefined {
    return this.raw(path) === undefined ? undefined : this.number(path);
  }

  /** Within [min, max]; `whole` for counts and limits. */
  optionalNumberBetween(path: string, min: number, max: number, whole = false): number | undefined {
    const value = this.optionalNumber(path);
    if (value === undefined || (value >= min && value <= max && (!whole || Number.isInteger(value)))) return value;
    return this.fail(path, `must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  }

  /** An ISO 8601 time, normalised to UTC milliseconds as events record it; undefined when absent. */
  optionalInstant(path: string): string | undefined {
    const value = this.raw(path);
    if (value === undefined) return undefined;
    const at = typeof value === 'string' && value.length <= 40 ? Date.parse(value) : NaN;
    return Number.isNaN(at) ? this.fail(path, 'must be an ISO 8601 time') : new Date(at).toISOString();
  }

  /** Records a problem the field readers cannot see, e.g. two fields that go together. */
  problem(path: string, message: string): void {
    this.fail(path, message);
  }

  boolean(path: string): boolean {
    const value = this.raw(path);
    return typeof value === 'boolean' ? value : this.fail(path, 'must be true or false');
  }

  oneOf<T extends string>(path: string, allowed: readonly T[]): T {
    const value = this.raw(path);
    return allowed.includes(value as T) ? (value as T) : this.fail(path, `must be one of ${allowed.join(', ')}`);
  }

  /** A non-empty array (at most `max` items), each read by `item` with its own path prefix. */
  list<T>(path: string, item: (prefix: string) => T, max = 1000): T[] {
    const value = this.raw(path);
    if (!Array.isArray(value) || value.length === 0 || value.length > max) return this.fail(path, `must be a list of 1 to ${max} items`);
    return value.map((_, i) => item(`${path}.${i}`));
  }

  optionalList<T>(path: string, item: (prefix: string) => T, max = 1000): T[] | undefined {
    return this.raw(path) === undefined ? undefined : this.list(path, item, max);
  }

  /** Throws when any field was wrong; otherwise hands back the value built from the fields. */
  done<T>(value: T): T {
    if (this.errors.length > 0) throw new InvalidRequest(this.errors);
    return value;
  }
}
