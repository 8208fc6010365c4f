import type { ValidationError } from '@nestjs/common';
import { DomainError, type FieldError } from '@oms/contracts';

/** Flattens class-validator's tree into `{path, message}` with dotted paths (`lines.0.quantity`). */
export const flattenValidationErrors = (errors: readonly ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });

/** The ValidationPipe's exceptionFactory: a validation DomainError, so it takes the same 422 path as the services' refusals. */
export const requestValidationFailed = (errors: ValidationError[]): DomainError =>
  new DomainError('REQUEST.INVALID', 'validation', 'The request is invalid; see errors', flattenValidationErrors(errors));
