import { DomainError, type FieldError } from '@oms/contracts';

export class ReturnNotFound extends DomainError {
  constructor(readonly returnId: string) {
    super('RETURN.NOT_FOUND', 'not-found', `Return ${returnId} does not exist`);
  }
}

export class MoreThanFulfilled extends DomainError {
  constructor(orderId: string, errors: readonly FieldError[]) {
    super('RETURN.MORE_THAN_FULFILLED', 'validation', `Order ${orderId} cannot return that much: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
  }
}

export class MoreThanRequested extends DomainError {
  constructor(returnId: string, errors: readonly FieldError[]) {
    super('RETURN.MORE_THAN_REQUESTED', 'validation', `Return ${returnId} did not ask for that: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
  }
}

export class NotAllowedOnReturn extends DomainError {
  constructor(returnId: string, why: string) {
    super('RETURN.FORBIDDEN', 'forbidden', `Not allowed on return ${returnId}: ${why}`);
  }
}

export class ReturnKeyReused extends DomainError {
  constructor(returnId: string) {
    super('RETURN.IDEMPOTENCY_KEY_REUSED', 'conflict', `Return ${returnId} was opened with this Idempotency-Key and another body`);
  }
}
