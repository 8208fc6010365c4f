import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError, stampMetadata } from '@oms/contracts';
import { JsonLogger, ServiceRuntime } from '@oms/messaging';
import { ORDER_CONFIG, type OrderConfig } from '../order-config';
import { OrderBook, type KnownOrder } from '../orders/order-book';
import { AllocationExceedsOpenQuantity, StaleRoutingAttempt, StaleRoutingIntent } from '../orders/order.errors';
import { cancelFulfilmentStep } from './cancel-fulfilment-step';
import { nextSteps, type FulfilmentStep } from './fulfilment-process.workflow';
import { OrderLocks } from './order-locks';
import { releaseReservation } from './release-reservation-step';
import { requestFulfilment } from './request-fulfilment-step';
import { RouteStep } from './route-step';
import { StepContext } from './step-context';
import { clearStepsDue, ordersWithStepsDue, type OrderDue } from './steps-due';
import { withdrawIntent } from './withdraw-intent-step';

/** A step runs at most this many rounds per advance: each round acts on what the previous one recorded. */
const MAX_ROUNDS = 10;
/** A kick that found the order locked by another instance tries again after this pause, this many times; then the sweep has it. */
const BUSY_RETRY_MS = 200;
const BUSY_RETRIES = 5;
/** How long an event of an order waits for this process's advance of it, at most. */
const AFTER_ADVANCE_AT_MOST_MS = 2_000;
/** Orders one sweep takes, the longest idle first. */
const SWEEP_BATCH = 100;
/** An order whose advance keeps failing is swept again after a pause that doubles each time, up to a minute (a dependency back up is soon seen). */
const MAX_BACKOFF_MS = 60_000;

/** What an advance records its outcomes as caused by: an event of the order, its correlation id and its id. */
export interface Cause {
  readonly correlationId: string;
  readonly eventId: string;
}

type Advance = { readonly outcome: 'advanced' | 'idle' | 'busy'; readonly version?: number };

/** Refusals that mean the order moved on under the step (another runner, a cancellation): read it again and ask anew. */
const isStale = (error: unknown): boolean =>
  error instanceof StaleRoutingAttempt || error instanceof StaleRoutingIntent || error instanceof AllocationExceedsOpenQuantity;

/**
 * Runs the fulfilment process: after a change of an order, it asks the pure
 * workflow what is left to do and does it, recording each outcome as an order
 * command, round after round, until nothing is left.
 *
 * Kicked in this process straight after each command recorded here. The
 * order is advanced under its lock (see OrderLocks), read afresh once the
 * lock is held, so one runner at a time acts on it across every instance,
 * from the order as it is. What a kick leaves undone (its process died, the
 * order stayed locked by another instance, a step failed) the order itself
 * says: its summary marks it as having steps due, and every instance sweeps
 * those left untouched for a sweep interval, so a crash at any point resumes
 * from the order. Each step is safe to repeat.
 */
@Injectable()
export class FulfilmentProcessRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new JsonLogger('order', 'fulfilment-process');
  private readonly routeStep: RouteStep;
  /** The advance of each order under way in this process: a second one waits for it rather than for the lock. */
  private readonly lanes = new Map<string, Promise<unknown>>();
  /** Orders whose last advance failed, and when a sweep may try again. */
  private readonly failing = new Map<string, { failures: number; retryAt: number }>();
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopping = false;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(OrderBook) private readonly orders: OrderBook,
    @Inject(OrderLocks) private readonly locks: OrderLocks,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {
    this.routeStep = new RouteStep(config.routing, config.faults.afterReserveMs, config.transitDays);
  }

  onApplicationBootstrap(): void {
    const sweep = () => (this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined)));
    this.sweeper = setInterval(sweep, this.config.sweepMs);
    void sweep();
  }

  /** What is under way finishes; what is left is swept by the next instance to look. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweeper);
    await this.sweeping;
    await Promise.allSettled(this.lanes.values());
    await this.locks.close();
  }

  /** Advances an order just recorded in this process, in the background; what it leaves undone is swept later. */
  kick(orderId: string, order: KnownOrder, cause: Cause, retries = BUSY_RETRIES): void {
    if (this.stopping || nextSteps(order.state).length === 0) return;
    this.advance(orderId, cause).then(
      ({ outcome }) => {
        if (outcome === 'busy' && retries > 0) setTimeout(() => this.kick(orderId, order, cause, retries - 1), BUSY_RETRY_MS).unref();
      },
      (error) => this.logger.debug(`order ${orderId} is left to the sweep: ${error instanceof Error ? error.message : error}`),
    );
  }

  /**
   * Once this process has no advance of the order under way (or after
   * `atMostMs`): what that advance records is then what the caller builds on.
   * A fulfilment's first events often arrive while the advance that asked for
   * the fulfilment is still recording the request; told after it, they are
   * repeats, not a second append racing the first.
   */
  afterAdvance(orderId: string, atMostMs = AFTER_ADVANCE_AT_MOST_MS): Promise<void> {
    const lane = this.lanes.get(orderId);
    if (!lane) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, atMostMs);
      void lane.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Advances the orders left with steps due, a few at a time; one that keeps failing is tried less and less often. */
  private async sweep(): Promise<void> {
    let due;
    try {
      due = await ordersWithStepsDue(this.runtime.dataSource, this.config.sweepMs, SWEEP_BATCH);
    } catch (error) {
      return this.logger.warn(`could not look for orders with steps due: ${error instanceof Error ? error.message : error}`);
    }
    const now = Date.now();
    const queue = due.filter((o) => !this.lanes.has(o.orderId) && (this.failing.get(o.orderId)?.retryAt ?? 0) <= now);
    const worker = async () => {
      for (let next = queue.shift(); next && !this.stopping; next = queue.shift()) await this.sweepOne(next);
    };
    await Promise.all(Array.from({ length: Math.min(this.config.processConcurrency, queue.length) }, worker));
  }

  private async sweepOne({ orderId, ...cause }: OrderDue): Promise<void> {
    try {
      const { outcome, version } = await this.advance(orderId, cause);
      this.failing.delete(orderId);
      if (outcome === 'idle' && version !== undefined) await clearStepsDue(this.runtime.dataSource, orderId, version);
    } catch (error) {
      const failures = (this.failing.get(orderId)?.failures ?? 0) + 1;
      this.failing.set(orderId, { failures, retryAt: Date.now() + Math.min(this.config.sweepMs * 2 ** failures, MAX_BACKOFF_MS) });
      this.logger.warn(`order ${orderId} could not be advanced (${failures} time${failures > 1 ? 's' : ''} in a row): ${error instanceof Error ? error.message : error}`);
    }
  }

  /** One advance of an order at a time in this process; across processes, its lock decides. */
  private advance(orderId: string, cause: Cause): Promise<Advance> {
    const previous = this.lanes.get(orderId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.advanceLocked(orderId, cause));
    const tail = run.catch(() => undefined);
    this.lanes.set(orderId, tail);
    void tail.then(() => this.lanes.get(orderId) === tail && this.lanes.delete(orderId));
    return run;
  }

  private async advanceLocked(orderId: string, cause: Cause): Promise<Advance> {
    const lock = await this.locks.tryAcquire(orderId);
    if (!lock) return { outcome: 'busy' };
    try {
      // Still waiting for a lock connection when the service began to stop: left to the sweep, so stopping waits only for what is under way.
      if (this.stopping) return { outcome: 'busy' };
      const metadata = () => stampMetadata({ correlationId: cause.correlationId, causationId: cause.eventId || undefined, actor: 'order-process' });
      let order = lock.order;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const steps = nextSteps(order.state);
        if (steps.length === 0) return { outcome: round === 0 ? 'idle' : 'advanced', version: order.version };
        const before = order.version;
        for (const step of steps) order = await this.run(order, step, new StepContext(this.runtime, this.orders, lock, metadata()));
        if (order.version === before) return { outcome: 'advanced', version: order.version };
      }
      // Still not done: the order keeps its steps due, and the sweep comes back to it.
      throw new Error(`order ${orderId} still has steps after ${MAX_ROUNDS} rounds`);
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
