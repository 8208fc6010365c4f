import { DomainError } from '@oms/contracts';
import { InventorySubjects, type ReleaseReservation, type ReserveStock, type ReserveStockResult, type SourcingCandidatesResult } from '@oms/contracts/inventory.contracts';
import type { TransitDays } from '@oms/promise/promise-rules';
import type { KnownOrder } from '../orders/order-book';
import type { RecordAllocation, RecordRoutingIntent } from '../orders/order.commands';
import type { AllocatedLines } from '../orders/order.events';
import { reservationIdOf, type PlacedOrder, type RoutingIntent } from '../orders/order.state';
import { decisionPromise, recordedPromise, type RecordedPromise } from '../promise/allocation-promise';
import { routeOrder } from '../routing/route-order';
import type { RoutingConfig } from '../routing/routing.config';
import type { RoutingDecision, RoutingDelivery } from '../routing/routing.types';
import type { FulfilmentStep } from './fulfilment-process.workflow';
import type { StepContext } from './step-context';

/** The decision as the order records it: routing's, with what it promises (API.md "Promise"). */
type PromisedDecision = RoutingDecision & { readonly promise?: RecordedPromise };

type Route = Extract<FulfilmentStep, { type: 'route' }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const allocationIdOf = (orderId: string, attempt: number, index: number): string => `${orderId}-a${attempt}-${index + 1}`;

/**
 * One routing attempt: decide where the lines go and save that intent on the
 * order, reserve them all at once, record the allocation. An intent saved by
 * an earlier run (before a crash, or a lost reply) is resumed as it is: its
 * reservation is repeated, which inventory answers without a second effect.
 * When another order took the stock meanwhile, the next try decides again
 * with fresh availability, up to `maxAttempts` tries; after that the lines
 * wait as backordered.
 */
export class RouteStep {
  constructor(
    private readonly config: RoutingConfig,
    /** A pause between reserving and recording, when the fault is set: the window a crash test kills the process in. */
    private readonly pauseAfterReserveMs: number,
    private readonly transitDays: TransitDays,
  ) {}

  /** Answers the order as the attempt left it. */
  async run(known: KnownOrder, step: Route, ctx: StepContext): Promise<KnownOrder> {
    let order = known;
    let intent = step.intent;
    if (!intent) ({ order, intent } = await this.intend(order, step, step.try, ctx));
    for (;;) {
      if (intent.decision.allocations.length === 0) return this.record(order, intent, ctx);
      if ((await this.reserve((order.state as PlacedOrder).orderId, intent, ctx)) === 'reserved') {
        if (this.pauseAfterReserveMs > 0) await sleep(this.pauseAfterReserveMs);
        return this.record(order, intent, ctx);
      }
      // Refused: nothing is held under this try's id, and the next try reserves under another.
      if (intent.try + 1 >= this.config.maxAttempts) return this.record(order, lostRace(intent), ctx);
      ({ order, intent } = await this.intend(order, { ...step, lines: intent.lines }, intent.try + 1, ctx));
    }
  }

  /** Decides with fresh availability and saves the decision on the order before anything is reserved. */
  private async intend(known: KnownOrder, step: Route, tryNumber: number, ctx: StepContext): Promise<{ order: KnownOrder; intent: RoutingIntent }> {
    const placed = known.state as PlacedOrder;
    const skus = step.lines.map((line) => line.sku);
    const { candidates } = await ctx.request<SourcingCandidatesResult>(InventorySubjects.sourcingCandidates, { skus });
    const delivery = placed.delivery as RoutingDelivery;
    const routed = routeOrder(
      { orderId: placed.orderId, lines: step.lines, delivery, allowSplit: placed.allowSplit, excludedLocationIds: step.excludedLocationIds },
      candidates,
      this.config,
    );
    // The first routing promises from the placement time, as the options offered then; a later one dates its work from now.
    const at = Date.parse(step.attempt === 1 ? placed.createdAt : ctx.metadata.now);
    const locations = new Map(candidates.map((c) => [c.location.locationId, c.location]));
    const decision: PromisedDecision = { ...routed, promise: recordedPromise(decisionPromise(routed, delivery, locations, at, this.transitDays)) };
    const intent: RoutingIntent = { attempt: step.attempt, try: tryNumber, reservationId: reservationIdOf(placed.orderId, step.attempt, tryNumber), lines: step.lines, decision };
    const command: RecordRoutingIntent = { type: 'RecordRoutingIntent', data: { orderId: placed.orderId, ...intent }, metadata: ctx.metadata };
    return { order: await ctx.record(known, command), intent };
  }

  /** `refused` covers a reservation id inventory already settled (released after a lost reply): the next try starts afresh. */
  private async reserve(orderId: string, intent: RoutingIntent, ctx: StepContext): Promise<'reserved' | 'refused'> {
    const lines = decisionOf(intent).allocations.flatMap((a) => a.lines.map((line) => ({ locationId: a.locationId, sku: line.sku, quantity: line.quantity })));
    const command: ReserveStock = { type: 'ReserveStock', data: { reservationId: intent.reservationId, orderId, lines }, metadata: ctx.metadata };
    try {
      const result = await ctx.request<ReserveStockResult>(InventorySubjects.reserve, command);
      return result.outcome === 'reserved' ? 'reserved' : 'refused';
    } catch (error) {
      if (error instanceof DomainError) return 'refused';
      throw error;
    }
  }

  private record(known: KnownOrder, intent: RoutingIntent, ctx: StepContext): Promise<KnownOrder> {
    const { orderId, allocations: earlier } = known.state as PlacedOrder;
    const { promise } = decisionOf(intent);
    // Only a decision for the whole order promises the customer: the first, or the first after it waited whole for stock.
    const promisesOrder = earlier.length === 0 && promise?.by !== undefined;
    const allocations: AllocatedLines[] = decisionOf(intent).allocations.map((a, i) => ({
      allocationId: allocationIdOf(orderId, intent.attempt, i),
      locationId: a.locationId,
      method: a.method,
      lines: a.lines.map(({ sku, quantity }) => ({ sku, quantity })),
      ...(promise?.dueBy[i] ? { dueBy: promise.dueBy[i]! } : {}),
    }));
    const command: RecordAllocation = {
      type: 'RecordAllocation',
      data: {
        orderId, attempt: intent.attempt, reservationId: intent.reservationId, decision: intent.decision, allocations,
        ...(promisesOrder ? { promise: { by: promise!.by! } } : {}),
      },
      metadata: ctx.metadata,
    };
    return ctx.record(known, command);
  }
}

/** Releases whatever a withdrawn intent reserved; the order records the withdrawal once inventory has answered. */
export const releaseIntent = (reservationId: string, ctx: StepContext): Promise<unknown> => {
  const command: ReleaseReservation = { type: 'ReleaseReservation', data: { reservationId, reason: 'routing-abandoned' }, metadata: ctx.metadata };
  return ctx.request(InventorySubjects.release, command);
};

/** The order keeps the decision whole for its history; routing reads it as routing wrote it. */
const decisionOf = (intent: RoutingIntent): PromisedDecision => intent.decision as PromisedDecision;

/** Every try found its stock taken by other orders: nothing is reserved, the lines wait for stock. */
const lostRace = (intent: RoutingIntent): RoutingIntent => {
  const { promise: _nothingPromised, ...decided } = decisionOf(intent);
  const decision: RoutingDecision & { reservationTries: number } = {
    ...decided,
    allocations: [],
    unallocated: intent.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    reservationTries: intent.try + 1,
  };
  return { ...intent, decision };
};
