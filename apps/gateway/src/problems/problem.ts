import { STATUS_CODES } from 'node:http';
import type { ErrorKind, FieldError } from '@oms/contracts';

/** An RFC 9457 problem details body, served as application/problem+json. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The one place a DomainError kind becomes an HTTP status. */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 422,
  'not-found': 404,
  'illegal-state': 409,
  conflict: 409,
  forbidden: 403,
  locked: 423,
  unavailable: 503,
};

/** `type` is a URN built from a stable code, e.g. `urn:oms:problem:ORDER.ALREADY_SHIPPED`. */
export const problem = (status: number, code: string, detail: string, extra: Omit<Partial<Problem>, 'type' | 'status' | 'detail'> = {}): Problem => ({
  type: `urn:oms:problem:${code}`,
  title: STATUS_CODES[status] ?? 'Error',
  status,
  detail,
  ...extra,
});
