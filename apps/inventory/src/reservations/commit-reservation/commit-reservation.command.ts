import { Command } from '@nestjs/cqrs';
import type { CommitReservation, ReservationChangeResult } from '@oms/contracts/inventory.contracts';

export class CommitReservationCommand extends Command<ReservationChangeResult> {
  constructor(readonly message: CommitReservation) {
    super();
  }
}
