import type { ReservationLine } from '@oms/contracts/inventory.contracts';
import type { AllocationMethod, SkuQuantity } from '../orders/order.events';
import { heldLines, quantityOf, routableLines, type Allocation, type OrderState, type RoutingIntent } from '../orders/order.state';
import { isClosed } from '../orders/order.status';

/**
 * What the order still needs done, as data. The runner executes each step and reports the
 * outcome back as an order command (RecordRoutingIntent, RecordAllocation,
 * RecordFulfilmentRequested, RecordReservationReleased, or the fulfilment's own events);
 * until then the step keeps being returned, so a crashed runner resumes by asking again.
 * Each step is safe to repeat.
 */
export type FulfilmentStep =
  | {
      readonly type: 'route';
      readonly attempt: number;
      /** The try a fresh decision is saved as; each try reserves under an id of its own. */
      readonly try: number;
      readonly lines: readonly SkuQuantity[];
      readonly excludedLocationIds: readonly string[];
      /** Saved by an earlier run and perhaps reserved: resumed as it is, never decided again. */
      readonly intent: RoutingIntent | null;
    }
  | {
      readonly type: 'request-fulfilment';
      readonly allocation: {
        readonly allocationId: string;
        readonly reservationId: string;
        readonly locationId: string;
        readonly method: AllocationMethod;
        readonly lines: readonly SkuQuantity[];
        readonly dueBy?: string;
      };
    }
  | { readonly type: 'release-reservation'; readonly allocationId: string; readonly reservationId: string; readonly lines: readonly ReservationLine[] }
  | { readonly type: 'cancel-fulfilment'; readonly allocationId: string; readonly fulfilmentId: string }
  /** The pending intent asks for more than the order still needs routed: whatever it reserved goes back. */
  | { readonly type: 'withdraw-intent'; readonly reservationId: string };

export const nextSteps = (state: OrderState): FulfilmentStep[] => {
  if (state.status === 'none') return [];
  const releases = state.allocations.flatMap(reservationToRelease);
  const cancellations = state.allocations.flatMap((a): FulfilmentStep[] =>
    a.fulfilmentId !== null && heldLines(a).length === 0 && !isClosed(a)
      ? [{ type: 'cancel-fulfilment', allocationId: a.allocationId, fulfilmentId: a.fulfilmentId }]
      : [],
  );
  const requests = state.allocations.flatMap((a): FulfilmentStep[] => {
    const lines = heldLines(a);
    if (a.fulfilmentId !== null || lines.length === 0) return [];
    const { allocationId, reservationId, locationId, method, dueBy } = a;
    return [{ type: 'request-fulfilment', allocation: { allocationId, reservationId, locationId, method, lines, ...(dueBy === undefined ? {} : { dueBy }) } }];
  });
  // Backordered lines wait for RetryBackorder: routing them again now would find the same empty shelves.
  const open = routableLines(state);
  const intent = state.intent ?? null;
  if (intent && intent.lines.some(({ sku, quantity }) => quantity > quantityOf(open, sku))) {
    return [...releases, ...cancellations, ...requests, { type: 'withdraw-intent', reservationId: intent.reservationId }];
  }
  const lines = intent ? intent.lines : open;
  const skus = new Set(lines.map((line) => line.sku));
  const routing: FulfilmentStep[] =
    lines.length === 0
      ? []
      : [
          {
            type: 'route',
            attempt: state.routingAttempts + 1,
            try: state.routingTries ?? 0,
            lines,
            // One routing run takes one exclusion list: a location that failed one of these SKUs is not asked for the others either.
            excludedLocationIds: [...new Set(state.lines.filter((line) => skus.has(line.sku)).flatMap((line) => line.excludedLocationIds))].sort(),
            intent,
          },
        ];
  return [...releases, ...cancellations, ...requests, ...routing];
};

const reservationToRelease = (allocation: Allocation): FulfilmentStep[] => {
  const lines = allocation.released
    .map(({ sku, quantity }) => ({ locationId: allocation.locationId, sku, quantity: quantity - quantityOf(allocation.reservationReleased, sku) }))
    .filter((line) => line.quantity > 0);
  if (lines.length === 0) return [];
  return [{ type: 'release-reservation', allocationId: allocation.allocationId, reservationId: allocation.reservationId, lines }];
};
