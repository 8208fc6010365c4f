import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError, stampMetadata } from '@oms/contracts';
import { JsonLogger, RetryLater, ServiceRuntime, type PublishedEvent } from '@oms/messaging';
import { ORDER_CONFIG, type OrderConfig } from '../order-config';
import { OrderBook, type KnownOrder } from '../orders/order-book';
import { AllocationExceedsOpenQuantity, StaleRoutingAttempt, StaleRoutingIntent } from '../orders/order.errors';
import { cancelFulfilmentStep } from './cancel-fulfilment-step';
import { nextSteps, type FulfilmentStep } from './fulfilment-process.workflow';
import { OrderLockLost, OrderLocks } from './order-locks';
import { releaseReservation } from './release-reservation-step';
import { requestFulfilment } from './request-fulfilment-step';
import { RouteStep } from './route-step';
import { StepContext } from './step-context';
import { withdrawIntent } from './withdraw-intent-step';

/** A step runs at most this many rounds per event: each round acts on what the previous one recorded. */
const MAX_ROUNDS = 10;
/** An order another instance is advancing: its event comes back after this pause. */
const BUSY_RETRY_MS = 200;

/** The event a step answers to: its correlation id, and its id as the cause of what the step records. */
export interface Cause {
  readonly correlationId: string;
  readonly eventId: string;
}

/** Refusals that mean the order moved on under the step (another runner, a cancellation): read it again and ask anew. */
const isStale = (error: unknown): boolean =>
  error instanceof StaleRoutingAttempt || error instanceof StaleRoutingIntent || error instanceof AllocationExceedsOpenQuantity;

/**
 * Runs the fulfilment process: after each event of an order, it asks the pure
 * workflow what is left to do and does it, recording each outcome as an order
 * command, round after round, until nothing is left.
 *
 * Driven by the order's events through the service's durable consumer, and
 * kicked at once in this process after a command recorded here, without
 * waiting for the event's round trip through the outbox and JetStream; the
 * event, when it arrives, finds nothing left to do. Either way the order is
 * advanced under its lock (see OrderLocks), read afresh once the lock is
 * held, so one runner at a time acts on it across every instance, from the
 * order as it is. The consumer acknowledges an event only after its steps'
 * outcomes are recorded, so a crash at any point resumes on redelivery.
 */
@Injectable()
export class FulfilmentProcessRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new JsonLogger('order', 'fulfilment-process');
  private readonly routeStep: RouteStep;
  /** The advance of each order under way in this process: a second one waits for it rather than for the lock. */
  private readonly lanes = new Map<string, Promise<unknown>>();
  private stopping = false;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(OrderBook) private readonly orders: OrderBook,
    @Inject(OrderLocks) private readonly locks: OrderLocks,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {
    this.routeStep = new RouteStep(config.routing, config.faults.afterReserveMs, config.transitDays);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.consume({
      name: 'order-fulfilment-process',
      of: 'order',
      ackWaitMs: this.config.processAckWaitMs,
      concurrency: this.config.processConcurrency,
      keyOf: (event) => (event.data as { orderId?: string })?.orderId ?? '',
      handler: (event) => this.onEvent(event),
    });
  }

  /** Before the runtime stops its consumers: what is under way finishes, what arrives now is left for redelivery. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.lanes.values());
    await this.locks.close();
  }

  /** Advances an order just recorded in this process, in the background; a failure is left to its event's delivery. */
  kick(orderId: string, order: KnownOrder, cause: Cause): void {
    if (this.stopping || nextSteps(order.state).length === 0) return;
    this.advance(orderId, cause).catch((error) => this.logger.debug(`order ${orderId} will resume from its event: ${error instanceof Error ? error.message : error}`));
  }

  async onEvent(event: PublishedEvent): Promise<void> {
    const orderId = (event.data as { orderId?: string }).orderId;
    if (!orderId) return;
    if (this.settledHere(orderId, event.version)) return;
    if (this.stopping) throw new RetryLater(BUSY_RETRY_MS, 'stopping');
    const outcome = await this.advance(orderId, { correlationId: event.metadata.correlationId, eventId: event.metadata.eventId }, event.version);
    if (outcome === 'busy') throw new RetryLater(BUSY_RETRY_MS, `order ${orderId} is being advanced by another instance`);
  }

  /** What this process recorded since the event's version leaves nothing to do: no need to read the order. */
  private settledHere(orderId: string, version: number): boolean {
    const recalled = this.orders.recalled(orderId);
    return recalled !== undefined && recalled.version >= version && nextSteps(recalled.state).length === 0;
  }

  /**
   * One advance of an order at a time in this process; across processes, its
   * lock decides. An event that waited behind an advance here is often settled
   * by it: then the order is neither locked nor read for it.
   */
  private advance(orderId: string, cause: Cause, eventVersion?: number): Promise<'done' | 'busy'> {
    const previous = this.lanes.get(orderId) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() => (eventVersion !== undefined && this.settledHere(orderId, eventVersion) ? 'done' : this.advanceLocked(orderId, cause)));
    const tail = run.catch(() => undefined);
    this.lanes.set(orderId, tail);
    void tail.then(() => this.lanes.get(orderId) === tail && this.lanes.delete(orderId));
    return run;
  }

  private async advanceLocked(orderId: string, cause: Cause): Promise<'done' | 'busy'> {
    const lock = await this.locks.tryAcquire(orderId);
    if (!lock) return 'busy';
    try {
      const metadata = () => stampMetadata({ correlationId: cause.correlationId, causationId: cause.eventId, actor: 'order-process' });
      // Read under the lock: what an earlier holder recorded is seen, never a copy from before it.
      let order = await this.orders.load(orderId);
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const steps = nextSteps(order.state);
        if (steps.length === 0) return 'done';
        const before = order.version;
        for (const step of steps) order = await this.run(order, step, new StepContext(this.runtime, this.orders, lock, metadata()));
        if (order.version === before) return 'done';
      }
      // Still not done: the event that asked is handled again later rather than acknowledged.
      throw new Error(`order ${orderId} still has steps after ${MAX_ROUNDS} rounds`);
    } catch (error) {
      if (error instanceof OrderLockLost) throw new RetryLater(BUSY_RETRY_MS, error.message);
      throw error;
    } finally {
      await lock.release();
    }
  }

  /** Does one step; answers the order as the step left it, or as it now stands when it moved on under the step. */
  private async run(order: KnownOrder, step: FulfilmentStep, ctx: StepContext): Promise<KnownOrder> {
    try {
      switch (step.type) {
        case 'route':
          return await this.routeStep.run(order, step, ctx);
        case 'request-fulfilment':
          return await requestFulfilment(order, step, ctx);
        case 'release-reservation':
          return await releaseReservation(order, step, ctx);
        case 'cancel-fulfilment':
          return await cancelFulfilmentStep(order, step, ctx);
        case 'withdraw-intent':
          return await withdrawIntent(order, step, ctx);
      }
    } catch (error) {
      if (!(error instanceof DomainError && isStale(error))) throw error;
      this.logger.debug(`order ${(order.state as { orderId: string }).orderId} moved on under its ${step.type} step: ${error.message}`);
      return ctx.load((order.state as { orderId: string }).orderId);
    }
  }
}
