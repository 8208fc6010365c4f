import type { RecordedEvent } from '@oms/event-store';
import type { Story } from '@oms/messaging';
import type { OrderEvent, SkuQuantity } from './order.events';

const linesOf = (lines: readonly SkuQuantity[]) => lines.map((l) => `${l.sku}×${l.quantity}`).join(', ');

interface Candidate {
  readonly locationId: string;
  readonly outcome: string;
  readonly reasons: readonly string[];
}

/** Why no location took the lines: each candidate's reasons, or that none had the SKUs at all. */
const whyUnallocated = (decision: { candidates: readonly unknown[]; reservationTries?: number }): string => {
  if (decision.reservationTries) return `the stock was taken by other orders on each of ${decision.reservationTries} tries`;
  const candidates = decision.candidates as readonly Candidate[];
  const excluded = candidates.filter((c) => c.outcome === 'excluded');
  if (excluded.length === 0) return candidates.length === 0 ? 'no location stocks these SKUs' : 'no location could take them';
  return excluded.map((c) => `${c.locationId}: ${c.reasons.join('+')}`).join('; ');
};

/**
 * The order's business decisions, one line each (see ServiceRuntimeOptions.tells):
 * placed, routed, backordered and why, re-routed after a rejection or short pick, cancelled.
 */
export const tellOrderStory = (event: RecordedEvent): Story | undefined => {
  const e = event as RecordedEvent<OrderEvent>;
  switch (e.type) {
    case 'OrderPlaced': {
      const { orderId, channel, delivery, lines } = (e as RecordedEvent<Extract<OrderEvent, { type: 'OrderPlaced' }>>).data;
      return { message: `order ${orderId} placed on ${channel} for ${delivery.method}: ${linesOf(lines)}`, orderId, channel, method: delivery.method };
    }
    case 'LinesAllocated': {
      const { orderId, allocations, attempt } = (e as RecordedEvent<Extract<OrderEvent, { type: 'LinesAllocated' }>>).data;
      const where = allocations.map((a) => `${a.locationId} (${a.method}: ${linesOf(a.lines)})`).join(', ');
      return { message: `order ${orderId} routed${attempt > 1 ? ` again (attempt ${attempt})` : ''} to ${where}`, orderId, locations: allocations.map((a) => a.locationId) };
    }
    case 'OrderRoutingDecided': {
      const { orderId, decision } = (e as RecordedEvent<Extract<OrderEvent, { type: 'OrderRoutingDecided' }>>).data;
      const unallocated = decision.unallocated as readonly SkuQuantity[];
      if (unallocated.length === 0) return undefined;
      return { message: `order ${orderId} backordered ${linesOf(unallocated)}: ${whyUnallocated(decision as never)}`, orderId };
    }
    case 'AllocationReleased': {
      const { orderId, allocationId, locationId, lines, reason, excludeLocation } = (e as RecordedEvent<Extract<OrderEvent, { type: 'AllocationReleased' }>>).data;
      if (reason === 'expired' || reason === 'cancelled') return undefined;
      const rerouting = `re-routing ${linesOf(lines)}${excludeLocation ? ` without ${locationId}` : ''}`;
      return { message: `order ${orderId}: allocation ${allocationId} at ${locationId} released (${reason}), ${rerouting}`, orderId, locationId, reason };
    }
    case 'OrderCancelled': {
      const { orderId, reason } = (e as RecordedEvent<Extract<OrderEvent, { type: 'OrderCancelled' }>>).data;
      return { message: `order ${orderId} cancelled: ${reason}`, orderId };
    }
    default:
      return undefined;
  }
};
