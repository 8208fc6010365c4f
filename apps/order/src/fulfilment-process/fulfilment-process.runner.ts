import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError, type MessageMetadata } from '@oms/contracts';
import { FulfilmentSubjects, type CancelFulfilmentRequest, type CreateFulfilmentRequest } from '@oms/contracts/fulfilment.contracts';
import { InventorySubjects, type ReleaseReservation } from '@oms/contracts/inventory.contracts';
import { JsonLogger, ServiceRuntime, type PublishedEvent } from '@oms/messaging';
import { KeyedConsumer } from '../keyed-consumer';
import { OrderBook, type KnownOrder } from '../orders/order-book';
import type { OrderCommand } from '../orders/order.commands';
import type { PlacedOrder } from '../orders/order.state';
import { parseRoutingConfig } from '../routing/routing.config';
import { nextSteps, type FulfilmentStep } from './fulfilment-process.workflow';
import { RouteStepRunner } from './route-step';
import { RoutingIntents } from './routing-intents';

export const fulfilmentIdOf = (allocationId: string): string => `ful-${allocationId}`;

/** A step runs at most this many rounds per event: each round acts on what the previous one recorded. */
const MAX_ROUNDS = 10;
/** Orders advanced at once straight after this process recorded them; beyond that the consumer takes them. */
const MAX_STARTED = 64;
/**
 * Events the process records itself, always while handling an earlier event
 * of the order that stays unacknowledged until every step it led to is done
 * (or while advancing an order it has just recorded, whose own event follows):
 * they never leave anything to do that their cause does not.
 */
const RECORDED_BY_THE_PROCESS = ['OrderRoutingDecided', 'LinesAllocated', 'OrderBackordered', 'FulfilmentRequested', 'ReservationReleased'];

const readMs = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of milliseconds, got "${raw}"`);
  return value;
};

/** The event a step answers to: its correlation id, and its id as the cause of what the step records. */
export interface Cause {
  readonly correlationId: string;
  readonly eventId: string;
}

/**
 * Runs the fulfilment process: after each event of an order, it asks the pure
 * workflow what is left to do and does it, recording each outcome as an order
 * command, round after round, until nothing is left. Every step is safe to
 * repeat, and the consumer acknowledges an event only after its steps'
 * events are appended, so a crash at any point resumes on redelivery.
 *
 * An order this process has just recorded (placed, cancelled, a fulfilment
 * report) is advanced at once from what it recorded, without waiting for its
 * event to travel through the outbox and JetStream; the event, when it
 * arrives, finds nothing left to do. The steps of one order never overlap.
 */
@Injectable()
export class FulfilmentProcessRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new JsonLogger('order', 'fulfilment-process');
  private readonly routeStep: RouteStepRunner;
  private readonly ackWaitMs = readMs('OMS_ORDER_PROCESS_ACK_WAIT_MS', 10_000);
  private readonly lanes = new Map<string, Promise<unknown>>();
  private started = 0;
  private consumer?: KeyedConsumer;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(OrderBook) private readonly orders: OrderBook,
  ) {
    // Read at start-up: a bad value stops the service with the variable's name.
    const config = parseRoutingConfig(process.env);
    this.routeStep = new RouteStepRunner(runtime, orders, new RoutingIntents(runtime.dataSource), config, readMs('OMS_FAULT_AFTER_RESERVE_MS', 0));
  }

  async onApplicationBootstrap(): Promise<void> {
    const { ns } = this.runtime;
    const ownEvents = new Set(RECORDED_BY_THE_PROCESS.map((type) => ns.eventSubject('order', type)));
    this.consumer = new KeyedConsumer(this.runtime.nc, {
      stream: ns.eventStream('order').name,
      durable: 'order-fulfilment-process',
      filterSubject: ns.eventSubject('order', '*'),
      ackWaitMs: this.ackWaitMs,
      concurrency: readMs('OMS_ORDER_PROCESS_CONCURRENCY', 32) || 1,
      keyOf: (event) => (event.data as { orderId?: string })?.orderId ?? '',
      passOver: (subject) => ownEvents.has(subject),
      handler: (event) => this.onEvent(event),
    });
    await this.consumer.start();
  }

  /** Before the runtime closes its connections (Nest calls shutdown hooks in reverse order of the modules). */
  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await Promise.allSettled(this.lanes.values());
  }

  /** Advances an order this process has just recorded, in the background; a failure is left to the consumer's redelivery. */
  start(orderId: string, order: KnownOrder, cause: Cause): void {
    if (nextSteps(order.state).length === 0 || this.started >= MAX_STARTED) return;
    this.started++;
    this.inLane(orderId, () => this.advance(orderId, cause, order))
      .catch((error) => this.logger.debug(`order ${orderId} will resume from its event: ${error instanceof Error ? error.message : error}`))
      .finally(() => this.started--);
  }

  async onEvent(event: PublishedEvent): Promise<void> {
    const orderId = (event.data as { orderId?: string }).orderId;
    if (!orderId) return;
    if (this.covered(orderId, event)) return;
    await this.inLane(orderId, async () => {
      // Checked again: the steps this event waited for in the lane may have covered it.
      if (!this.covered(orderId, event)) await this.advance(orderId, { correlationId: event.metadata.correlationId, eventId: event.metadata.eventId });
    });
  }

  /** What this process recorded since covers the event, and it leaves nothing to do. */
  private covered(orderId: string, event: PublishedEvent): boolean {
    const recalled = this.orders.recalled(orderId);
    return recalled !== undefined && recalled.version >= event.version && nextSteps(recalled.state).length === 0;
  }

  /** Runs `work` on the order between its steps, not during one (a fulfilment report arriving while its request is recorded). */
  between<T>(orderId: string, work: () => Promise<T>): Promise<T> {
    return this.inLane(orderId, work);
  }

  /** The steps of one order run one after the other, whoever asked for them. */
  private inLane<T>(orderId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.lanes.get(orderId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    this.lanes.set(orderId, tail);
    void tail.then(() => this.lanes.get(orderId) === tail && this.lanes.delete(orderId));
    return run;
  }

  private async advance(orderId: string, cause: Cause, known?: KnownOrder): Promise<void> {
    const metadata = (): MessageMetadata => ({ correlationId: cause.correlationId, causationId: cause.eventId, actor: 'order-process', now: new Date().toISOString() });
    let order = known ?? (await this.orders.load(orderId));
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const steps = nextSteps(order.state);
      if (steps.length === 0) return;
      const before = order.version;
      for (const step of steps) order = await this.run(order, step, metadata());
      if (order.version === before) return;
    }
    // Still not done: the event that asked is handled again later rather than acknowledged.
    if (nextSteps(order.state).length > 0) throw new Error(`order ${orderId} still has steps after ${MAX_ROUNDS} rounds`);
  }

  /** Does one step; answers the order as the step left it. */
  private async run(order: KnownOrder, step: FulfilmentStep, metadata: MessageMetadata): Promise<KnownOrder> {
    const state = order.state as PlacedOrder;
    const { orderId } = state;
    switch (step.type) {
      case 'route':
        return this.routeStep.run(order, step, metadata);
      case 'request-fulfilment': {
        const { allocationId, reservationId, locationId, method, lines } = step.allocation;
        const fulfilmentId = fulfilmentIdOf(allocationId);
        const request: CreateFulfilmentRequest = {
          fulfilmentId, orderId, allocationId, reservationId, type: method, locationId, lines,
          ...(method === 'ship-to-store' && state.delivery.method === 'pickup' ? { pickupLocationId: state.delivery.locationId } : {}),
        };
        await this.runtime.request(FulfilmentSubjects.create, request, metadata);
        return this.record(order, { type: 'RecordFulfilmentRequested', data: { orderId, allocationId, fulfilmentId }, metadata });
      }
      case 'release-reservation': {
        const { allocationId, reservationId, lines } = step;
        const allocation = state.allocations.find((a) => a.allocationId === allocationId)!;
        // Named after what the allocation has given back in all, so a retry of this release is recognised and a later one is not.
        const releaseId = `${allocationId}:released:${allocation.released.map((l) => `${l.sku}=${l.quantity}`).join(',')}`;
        const reason = allocation.releaseReasons[allocation.releaseReasons.length - 1] ?? 'cancelled';
        const command: ReleaseReservation = { type: 'ReleaseReservation', data: { reservationId, lines, reason, releaseId }, metadata };
        await this.runtime.request(InventorySubjects.release, command, metadata);
        return this.record(order, { type: 'RecordReservationReleased', data: { orderId, allocationId }, metadata });
      }
      case 'cancel-fulfilment': {
        const request: CancelFulfilmentRequest = { fulfilmentId: step.fulfilmentId, reason: 'order-cancelled' };
        try {
          await this.runtime.request(FulfilmentSubjects.cancel, request, metadata);
        } catch (error) {
          // Shipped or collected meanwhile: the fulfilment's own events tell the order what became of it.
          if (!(error instanceof DomainError)) throw error;
          this.logger.warn(`fulfilment ${step.fulfilmentId} of order ${orderId} could not be cancelled: ${error.message}`);
        }
        return order;
      }
    }
  }

  private record(order: KnownOrder, command: OrderCommand): Promise<KnownOrder> {
    return this.orders.record(command.data.orderId, [command], { known: order });
  }
}
