import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReservationChangeResult } from '@oms/contracts/inventory.contracts';
import { JsonLogger } from '@oms/messaging';
import { StockItemTransactions } from '../../stock-items/stock-item.transactions';
import { heldAt } from '../reservation-lines/reservation-lines.query';
import { checkReservationLines } from '../reservation-lines.check';
import { CommitReservationCommand } from './commit-reservation.command';

/**
 * The goods left (shipped or collected): on hand and reserved go down at every
 * line's stock item, together. Applied once per commitId; without one the
 * reservation is taken to leave in one go, so the reservation id serves.
 */
@CommandHandler(CommitReservationCommand)
export class CommitReservationHandler implements ICommandHandler<CommitReservationCommand> {
  private readonly logger = new JsonLogger('inventory', 'commit-reservation');

  constructor(@Inject(StockItemTransactions) private readonly stockItems: StockItemTransactions) {}

  execute({ message }: CommitReservationCommand): Promise<ReservationChangeResult> {
    const { reservationId, lines } = message.data;
    const commitId = message.data.commitId ?? reservationId;
    checkReservationLines(lines);
    return this.stockItems.run(async (session) => {
      await session.lock(lines);
      const held = await heldAt(session.tx, reservationId, lines);
      lines.forEach((line, i) => {
        // Recorded as UnreservedGoodsLeft by the decider, unless this is a repeat of a commit already applied.
        if (held[i] === 0) this.logger.error(new Error(`goods left ${line.locationId}/${line.sku} under reservation ${reservationId}, which no longer held them (commit ${commitId})`), undefined, 'unreserved-goods');
      });
      const levels = await session.decide(
        lines.map((line, i) => ({
          type: 'CommitStock' as const,
          data: { locationId: line.locationId, sku: line.sku, reservationId, commitId, quantity: line.quantity, held: held[i] },
          metadata: message.metadata,
        })),
      );
      return { reservationId, levels };
    });
  }
}
