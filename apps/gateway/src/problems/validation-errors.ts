import type { ValidationError } from '@nestjs/common';
import { DomainError, type FieldError } from '@oms/contracts';

/** One answer lists this many field errors at most: a list of ten thousand bad items is one line of cause, not ten thousand. */
export const MAX_LISTED_ERRORS = 20;

/** Flattens class-validator's tree into `{path, message}` with dotted paths (`lines.0.quantity`). */
export const flattenValidationErrors = (errors: readonly ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });

/** The 422 of a request refused at the edge, listing its first {@link MAX_LISTED_ERRORS} field errors. */
export const requestInvalid = (errors: readonly FieldError[]): DomainError => {
  const more = errors.length - MAX_LISTED_ERRORS;
  const detail = more > 0 ? `The request is invalid; see errors (the first ${MAX_LISTED_ERRORS} of ${errors.length})` : 'The request is invalid; see errors';
  return new DomainError('REQUEST.INVALID', 'validation', detail, errors.slice(0, MAX_LISTED_ERRORS));
};

/** The ValidationPipe's exceptionFactory: a validation DomainError, so it takes the same 422 path as the services' refusals. */
export const requestValidationFailed = (errors: ValidationError[]): DomainError => requestInvalid(flattenValidationErrors(errors));
