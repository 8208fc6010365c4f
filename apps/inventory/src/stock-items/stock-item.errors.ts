import { DomainError, type FieldError } from '@oms/contracts';

/** Available-to-promise does not cover the reservation: the order must be sourced elsewhere. */
export class InsufficientStock extends DomainError {
  constructor(
    readonly locationId: string,
    readonly sku: string,
    readonly available: number,
    readonly requested: number,
  ) {
    super('STOCK.INSUFFICIENT', 'conflict', `Only ${available} of ${sku} available to promise at ${locationId}, ${requested} requested`);
  }
}

export class OnHandWouldGoNegative extends DomainError {
  constructor(
    readonly locationId: string,
    readonly sku: string,
    readonly onHand: number,
    readonly delta: number,
  ) {
    super('STOCK.ON_HAND_NEGATIVE', 'conflict', `Adjusting ${sku} at ${locationId} by ${delta} would leave ${onHand + delta} on hand`);
  }
}

/** Goods cannot leave against a reservation this stock item never held. */
export class ReservationNotFound extends DomainError {
  constructor(
    readonly locationId: string,
    readonly sku: string,
    readonly reservationId: string,
  ) {
    super('STOCK.RESERVATION_NOT_FOUND', 'not-found', `No reservation ${reservationId} of ${sku} at ${locationId}`);
  }
}

export class InvalidStockQuantity extends DomainError {
  constructor(errors: readonly FieldError[]) {
    super('STOCK.INVALID_QUANTITY', 'validation', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
  }
}
