import { DomainError, type MessageMetadata } from '@oms/contracts';
import {
  InventorySubjects,
  type ReleaseReservation,
  type ReserveStock,
  type ReserveStockResult,
  type SourcingCandidatesResult,
} from '@oms/contracts/inventory.contracts';
import type { ServiceRuntime } from '@oms/messaging';
import type { KnownOrder, OrderBook } from '../orders/order-book';
import type { RecordAllocation } from '../orders/order.commands';
import { AllocationExceedsOpenQuantity, StaleRoutingAttempt } from '../orders/order.errors';
import type { AllocatedLines, SkuQuantity } from '../orders/order.events';
import type { PlacedOrder } from '../orders/order.state';
import { routeOrder } from '../routing/route-order';
import type { RoutingConfig } from '../routing/routing.config';
import type { RoutingDecision, RoutingDelivery } from '../routing/routing.types';
import type { FulfilmentStep } from './fulfilment-process.workflow';
import { reservationIdOf, type RoutingIntent, type RoutingIntents } from './routing-intents';

type RouteStep = Extract<FulfilmentStep, { type: 'route' }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sameLines = (a: readonly SkuQuantity[], b: readonly SkuQuantity[]) =>
  a.length === b.length && a.every((line) => b.some((other) => other.sku === line.sku && other.quantity === line.quantity));

export const allocationIdOf = (orderId: string, attempt: number, index: number): string => `${orderId}-a${attempt}-${index + 1}`;

/**
 * One routing attempt: decide where the lines go, reserve them all at once,
 * record the allocation. When another order took the stock between the
 * decision and the reservation, decide again with fresh availability, up to
 * `maxAttempts` tries; after that the lines wait as backordered.
 */
export class RouteStepRunner {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly orders: OrderBook,
    private readonly intents: RoutingIntents,
    private readonly config: RoutingConfig,
    /** Test hook: a pause between reserving and recording, the window a crash test kills the process in. */
    private readonly faultAfterReserveMs: number,
  ) {}

  /** Answers the order as the attempt left it. */
  async run(known: KnownOrder, step: RouteStep, metadata: MessageMetadata): Promise<KnownOrder> {
    const order = known.state as PlacedOrder;
    // Saved unless an earlier run (before a crash, or another instance) saved one first: then that one is answered and kept.
    let intent = await this.intents.save(await this.decide(order, step, 0, metadata));
    // The order changed since that intent was saved (e.g. a cancellation): its stock, if any, goes back.
    if (!sameLines(intent.lines, step.lines)) intent = await this.abandon(intent, order, step, metadata);

    for (;;) {
      if (intent.decision.allocations.length === 0) return this.record(known, intent, metadata);
      let result: ReserveStockResult | undefined;
      try {
        result = await this.reserve(order, intent, metadata);
      } catch (error) {
        // A conflicting repeat of the reservation id: start over under a fresh one.
        if (!(error instanceof DomainError)) throw error;
      }
      if (result?.outcome === 'reserved') {
        if (this.faultAfterReserveMs > 0) await sleep(this.faultAfterReserveMs);
        return this.record(known, intent, metadata);
      }
      if (intent.try + 1 >= this.config.maxAttempts) return this.record(known, this.lostRace(intent), metadata);
      intent = await this.abandon(intent, order, step, metadata);
    }
  }

  private async decide(order: PlacedOrder, step: RouteStep, tryNumber: number, metadata: MessageMetadata): Promise<RoutingIntent> {
    const skus = step.lines.map((line) => line.sku);
    const { candidates } = await this.runtime.request<SourcingCandidatesResult>(InventorySubjects.sourcingCandidates, { skus }, metadata);
    const decision = routeOrder(
      { orderId: order.orderId, lines: step.lines, delivery: order.delivery as RoutingDelivery, allowSplit: order.allowSplit, excludedLocationIds: step.excludedLocationIds },
      candidates,
      this.config,
    );
    return { orderId: order.orderId, attempt: step.attempt, try: tryNumber, reservationId: reservationIdOf(order.orderId, step.attempt, tryNumber), lines: step.lines, decision };
  }

  /** Gives back whatever the try holds and saves the next try with a fresh decision. */
  private async abandon(intent: RoutingIntent, order: PlacedOrder, step: RouteStep, metadata: MessageMetadata): Promise<RoutingIntent> {
    await this.releaseAll(intent.reservationId, metadata);
    return this.intents.save(await this.decide(order, step, intent.try + 1, metadata));
  }

  private reserve(order: PlacedOrder, intent: RoutingIntent, metadata: MessageMetadata): Promise<ReserveStockResult> {
    const lines = intent.decision.allocations.flatMap((a) => a.lines.map((line) => ({ locationId: a.locationId, sku: line.sku, quantity: line.quantity })));
    const command: ReserveStock = { type: 'ReserveStock', data: { reservationId: intent.reservationId, orderId: order.orderId, lines }, metadata };
    return this.runtime.request<ReserveStockResult>(InventorySubjects.reserve, command, metadata);
  }

  private async releaseAll(reservationId: string, metadata: MessageMetadata): Promise<void> {
    const command: ReleaseReservation = { type: 'ReleaseReservation', data: { reservationId, reason: 'routing-abandoned' }, metadata };
    await this.runtime.request(InventorySubjects.release, command, metadata);
  }

  /** Every try found its stock taken by other orders: nothing is reserved, the lines wait for stock. */
  private lostRace(intent: RoutingIntent): RoutingIntent {
    const decision: RoutingDecision & { reservationTries: number } = {
      ...intent.decision,
      allocations: [],
      unallocated: intent.lines.map(({ sku, quantity }) => ({ sku, quantity })),
      reservationTries: intent.try + 1,
    };
    return { ...intent, decision };
  }

  private async record(known: KnownOrder, intent: RoutingIntent, metadata: MessageMetadata): Promise<KnownOrder> {
    const { orderId } = known.state as PlacedOrder;
    const allocations: AllocatedLines[] = intent.decision.allocations.map((a, i) => ({
      allocationId: allocationIdOf(orderId, intent.attempt, i),
      locationId: a.locationId,
      method: a.method,
      lines: a.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    }));
    const command: RecordAllocation = {
      type: 'RecordAllocation',
      data: { orderId, attempt: intent.attempt, reservationId: intent.reservationId, decision: intent.decision, allocations },
      metadata,
    };
    try {
      return await this.orders.record(orderId, [command], { known });
    } catch (error) {
      // The order moved on while this attempt ran (cancelled, or routed by another instance): its stock goes back.
      if (!(error instanceof StaleRoutingAttempt || error instanceof AllocationExceedsOpenQuantity)) throw error;
      if (allocations.length > 0) await this.releaseAll(intent.reservationId, metadata);
      return this.orders.load(orderId);
    }
  }
}
