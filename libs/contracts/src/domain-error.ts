/** How an expected refusal maps to HTTP: the gateway turns each kind into one status. */
export type ErrorKind = 'validation' | 'illegal-state' | 'not-found' | 'conflict' | 'forbidden' | 'locked' | 'unavailable';

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * An expected refusal with a stable `code` (e.g. `ORDER.ALREADY_SHIPPED`).
 * It crosses NATS as {@link SerializedDomainError} and is rebuilt on the other side.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  toJSON(): SerializedDomainError {
    return { code: this.code, kind: this.kind, message: this.message, errors: this.errors };
  }

  static fromJSON(e: SerializedDomainError): DomainError {
    return new DomainError(e.code, e.kind, e.message, e.errors);
  }
}

export interface SerializedDomainError {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly message: string;
  readonly errors?: readonly FieldError[];
}

export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
