import { DomainError, type FieldError } from '@oms/contracts';

export class OrderNotFound extends DomainError {
  constructor(orderId: string) {
    super('ORDER.NOT_FOUND', 'not-found', `Order ${orderId} does not exist`);
  }
}

export class IdempotencyKeyReused extends DomainError {
  constructor(idempotencyKey: string) {
    super('ORDER.IDEMPOTENCY_KEY_REUSED', 'conflict', `Idempotency key ${idempotencyKey} was already used with another request body`);
  }
}

export class InvalidOrderLines extends DomainError {
  constructor(errors: readonly FieldError[]) {
    super('ORDER.INVALID_LINES', 'validation', 'The order lines are invalid', errors);
  }
}

export class AllocationNotFound extends DomainError {
  constructor(orderId: string, allocationId: string) {
    super('ORDER.ALLOCATION_NOT_FOUND', 'not-found', `Order ${orderId} has no allocation ${allocationId}`);
  }
}

/** A routing result for an attempt that is no longer the next one: its reservation must be released by the caller. */
export class StaleRoutingAttempt extends DomainError {
  constructor(orderId: string, attempt: number, expected: number) {
    super('ORDER.STALE_ROUTING_ATTEMPT', 'conflict', `Order ${orderId} expects routing attempt ${expected}, not ${attempt}`);
  }
}

/** The order changed (e.g. was cancelled) while routing ran: the reservation must be released by the caller. */
export class AllocationExceedsOpenQuantity extends DomainError {
  constructor(orderId: string, sku: string) {
    super('ORDER.ALLOCATION_EXCEEDS_OPEN_QUANTITY', 'conflict', `Order ${orderId} has not that much of ${sku} left to allocate`);
  }
}

/** Another runner saved or resolved a routing intent of this order first: the caller reads the order again. */
export class StaleRoutingIntent extends DomainError {
  constructor(orderId: string, reservationId: string) {
    super('ORDER.STALE_ROUTING_INTENT', 'conflict', `Order ${orderId} no longer expects routing under reservation ${reservationId}`);
  }
}

export class FulfilmentMismatch extends DomainError {
  constructor(allocationId: string, expected: string, actual: string) {
    super('ORDER.FULFILMENT_MISMATCH', 'conflict', `Allocation ${allocationId} is fulfilled by ${expected}, not ${actual}`);
  }
}

export class NothingToCancel extends DomainError {
  constructor(orderId: string) {
    super('ORDER.NOTHING_TO_CANCEL', 'illegal-state', `Order ${orderId} has nothing left that is not shipped, collected or cancelled`);
  }
}

export class InvalidCancellation extends DomainError {
  constructor(errors: readonly FieldError[]) {
    super('ORDER.INVALID_CANCELLATION', 'validation', 'These lines cannot be cancelled', errors);
  }
}

export class InvalidReturn extends DomainError {
  constructor(errors: readonly FieldError[]) {
    super('ORDER.INVALID_RETURN', 'validation', 'These lines cannot be returned', errors);
  }
}

/** Another runner held the order for longer than a request may wait (it is paused, or stuck on a service that does not answer). */
export class OrderBusy extends DomainError {
  constructor(orderId: string) {
    super('ORDER.BUSY', 'unavailable', `Order ${orderId} is being changed elsewhere; try again shortly`);
  }
}
