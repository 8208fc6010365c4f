import { DomainError } from '@oms/contracts';

/** The reservation id was used before for other lines: a retry must repeat the same request. */
export class ReservationConflict extends DomainError {
  constructor(readonly reservationId: string) {
    super('RESERVATION.CONFLICT', 'conflict', `Reservation ${reservationId} was already made for other lines`);
  }
}
