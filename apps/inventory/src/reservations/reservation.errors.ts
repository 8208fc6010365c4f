import { DomainError } from '@oms/contracts';

/** The reservation id was used before for other lines: a retry must repeat the same request. */
export class ReservationConflict extends DomainError {
  constructor(readonly reservationId: string) {
    super('RESERVATION.CONFLICT', 'conflict', `Reservation ${reservationId} was already made for other lines`);
  }
}

/** A repeat of a reservation that was since released or committed: it holds nothing any more, and is never made again. */
export class ReservationSettled extends DomainError {
  constructor(reservationId: string) {
    super('RESERVATION.SETTLED', 'conflict', `Reservation ${reservationId} was already released or committed`);
  }
}
