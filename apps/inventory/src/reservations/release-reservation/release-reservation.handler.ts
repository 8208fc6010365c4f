import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReservationChangeResult, ReservationLine } from '@oms/contracts/inventory.contracts';
import { createHash } from 'node:crypto';
import { StockItemTransactions } from '../../stock-items/stock-item.transactions';
import { heldAt, openLinesOf } from '../reservation-lines/reservation-lines.query';
import { checkReservationLines } from '../reservation-lines.check';
import { ReleaseReservationCommand } from './release-reservation.command';

/** A partial release without an id gets one from what it says, so that its retry is recognised. */
const derivedReleaseId = (reservationId: string, lines: readonly ReservationLine[], reason: string): string =>
  `${reservationId}/${createHash('sha256').update(JSON.stringify([lines.map((l) => [l.locationId, l.sku, l.quantity]), reason])).digest('hex').slice(0, 24)}`;

/**
 * Whole (no lines: whatever is still held, wherever) or in part. Releasing what
 * is no longer held does nothing, so a repeat has no second effect; a partial
 * release is applied once per releaseId. What each item still holds is read
 * from the reservation lines once the items are locked.
 */
@CommandHandler(ReleaseReservationCommand)
export class ReleaseReservationHandler implements ICommandHandler<ReleaseReservationCommand> {
  constructor(@Inject(StockItemTransactions) private readonly stockItems: StockItemTransactions) {}

  execute({ message }: ReleaseReservationCommand): Promise<ReservationChangeResult> {
    const { reservationId, reason } = message.data;
    const partial = message.data.lines;
    if (partial) checkReservationLines(partial);
    const releaseId = partial ? (message.data.releaseId ?? derivedReleaseId(reservationId, partial, reason)) : undefined;
    return this.stockItems.run(async (session) => {
      const lines = partial ?? (await openLinesOf(session.tx, reservationId));
      await session.lock(lines);
      const held = await heldAt(session.tx, reservationId, lines);
      const levels = await session.decide(
        lines.map((line, i) => ({
          type: 'ReleaseStock' as const,
          data: { locationId: line.locationId, sku: line.sku, reservationId, reason, held: held[i], ...(partial ? { quantity: line.quantity, releaseId } : {}) },
          metadata: message.metadata,
        })),
      );
      return { reservationId, levels };
    });
  }
}
