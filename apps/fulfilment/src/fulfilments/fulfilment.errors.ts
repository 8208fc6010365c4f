import { DomainError, type FieldError } from '@oms/contracts';

export class FulfilmentNotFound extends DomainError {
  constructor(readonly fulfilmentId: string) {
    super('FULFILMENT.NOT_FOUND', 'not-found', `Fulfilment ${fulfilmentId} does not exist`);
  }
}

export class IllegalFulfilmentTransition extends DomainError {
  constructor(
    readonly fulfilmentId: string,
    readonly fulfilmentType: string,
    readonly status: string,
    readonly action: string,
  ) {
    super('FULFILMENT.ILLEGAL_TRANSITION', 'illegal-state', `Cannot ${action} ${fulfilmentType} fulfilment ${fulfilmentId}: it is ${status}`);
  }
}

export class InvalidPick extends DomainError {
  constructor(fulfilmentId: string, errors: readonly FieldError[]) {
    super('FULFILMENT.INVALID_PICK', 'validation', `Pick of fulfilment ${fulfilmentId} is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
  }
}

export class InvalidRejection extends DomainError {
  constructor(fulfilmentId: string, errors: readonly FieldError[]) {
    super('FULFILMENT.INVALID_REJECTION', 'validation', `Rejection of fulfilment ${fulfilmentId} is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
  }
}

/** Finding nothing is a rejection, which must say why: the store sends reject with a reason instead. */
export class NothingPicked extends DomainError {
  constructor(fulfilmentId: string) {
    super('FULFILMENT.NOTHING_PICKED', 'validation', `Nothing picked for fulfilment ${fulfilmentId}: reject it with a reason instead`, [
      { path: 'lines', message: 'must pick at least one item; reject the fulfilment when nothing is found' },
    ]);
  }
}

export class FulfilmentAlreadyPicked extends DomainError {
  constructor(fulfilmentId: string) {
    super('FULFILMENT.ALREADY_PICKED', 'conflict', `Fulfilment ${fulfilmentId} was already picked with other quantities`);
  }
}

export class FulfilmentAlreadyShipped extends DomainError {
  constructor(fulfilmentId: string, trackingNumber: string) {
    super('FULFILMENT.ALREADY_SHIPPED', 'conflict', `Fulfilment ${fulfilmentId} was already shipped with tracking number ${trackingNumber}`);
  }
}

export class PickupCodeLocked extends DomainError {
  constructor(fulfilmentId: string) {
    super('FULFILMENT.PICKUP_LOCKED', 'locked', `Pickup of fulfilment ${fulfilmentId} is locked after too many wrong codes`);
  }
}

export class InvalidFulfilment extends DomainError {
  constructor(fulfilmentId: string, errors: readonly FieldError[]) {
    super('FULFILMENT.INVALID', 'validation', `Fulfilment ${fulfilmentId} is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
  }
}

/** The attempt is recorded (PickupCodeRejected) before this answer, so the count survives retries. */
export class WrongPickupCode extends DomainError {
  constructor(fulfilmentId: string, attemptsLeft: number) {
    super('FULFILMENT.WRONG_PICKUP_CODE', 'validation', `Wrong pickup code for fulfilment ${fulfilmentId}; ${attemptsLeft} attempt(s) left`, [
      { path: 'pickupCode', message: 'does not match' },
    ]);
  }
}

export class NotAllowedOnFulfilment extends DomainError {
  constructor(fulfilmentId: string, why: string) {
    super('FULFILMENT.FORBIDDEN', 'forbidden', `Not allowed on fulfilment ${fulfilmentId}: ${why}`);
  }
}
