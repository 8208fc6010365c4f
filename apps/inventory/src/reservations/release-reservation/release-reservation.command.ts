import { Command } from '@nestjs/cqrs';
import type { ReleaseReservation, ReservationChangeResult } from '@oms/contracts/inventory.contracts';

export class ReleaseReservationCommand extends Command<ReservationChangeResult> {
  constructor(readonly message: ReleaseReservation) {
    super();
  }
}
