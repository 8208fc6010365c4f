import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError, type MessageMetadata } from '@oms/contracts';
import { FulfilmentSubjects, type CancelFulfilmentRequest, type CreateFulfilmentRequest } from '@oms/contracts/fulfilment.contracts';
import { InventorySubjects, type ReleaseReservation } from '@oms/contracts/inventory.contracts';
import { handleCommand, loadState } from '@oms/event-store';
import { JsonLogger, ServiceRuntime, type PublishedEvent } from '@oms/messaging';
import type { OrderCommand } from '../orders/order.commands';
import { orderDecider } from '../orders/order.decider';
import type { PlacedOrder } from '../orders/order.state';
import { orderStreamId } from '../orders/order.stream';
import { parseRoutingConfig } from '../routing/routing.config';
import { nextSteps, type FulfilmentStep } from './fulfilment-process.workflow';
import { OrderEventConsumer } from './order-event-consumer';
import { RouteStepRunner } from './route-step';
import { RoutingIntents } from './routing-intents';

export const fulfilmentIdOf = (allocationId: string): string => `ful-${allocationId}`;

/** A step runs at most this many rounds per event: each round acts on what the previous one recorded. */
const MAX_ROUNDS = 10;

const readMs = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of milliseconds, got "${raw}"`);
  return value;
};

/**
 * Runs the fulfilment process: after each event of an order, it loads the
 * order, asks the pure workflow what is left to do and does it, recording each
 * outcome as an order command. Every step is safe to repeat, and the message
 * is acknowledged only after the steps' events are appended, so a crash at any
 * point resumes on redelivery.
 */
@Injectable()
export class FulfilmentProcessRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new JsonLogger('order', 'fulfilment-process');
  private readonly routeStep: RouteStepRunner;
  private readonly ackWaitMs = readMs('OMS_ORDER_PROCESS_ACK_WAIT_MS', 10_000);
  private consumer?: OrderEventConsumer;

  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {
    // Read at start-up: a bad value stops the service with the variable's name.
    const config = parseRoutingConfig(process.env);
    this.routeStep = new RouteStepRunner(runtime, new RoutingIntents(runtime.dataSource), config, readMs('OMS_FAULT_AFTER_RESERVE_MS', 0));
  }

  async onApplicationBootstrap(): Promise<void> {
    const { ns } = this.runtime;
    this.consumer = new OrderEventConsumer(this.runtime.nc, {
      stream: ns.eventStream('order').name,
      durable: 'order-fulfilment-process',
      filterSubject: ns.eventSubject('order', '*'),
      ackWaitMs: this.ackWaitMs,
      concurrency: readMs('OMS_ORDER_PROCESS_CONCURRENCY', 32) || 1,
      maxDeliver: 5,
      handler: (event) => this.advance(event),
      onError: (error, event, deliveryCount) =>
        this.logger.warn(`${event?.type ?? 'message'} of order ${(event?.data as { orderId?: string })?.orderId} failed (delivery ${deliveryCount}): ${error instanceof Error ? error.message : error}`),
    });
    await this.consumer.start();
  }

  /** Before the runtime closes its connections (Nest calls shutdown hooks in reverse order of the modules). */
  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  async advance(event: PublishedEvent): Promise<void> {
    const orderId = (event.data as { orderId?: string }).orderId;
    if (!orderId) return;
    const metadata = (): MessageMetadata => ({
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.eventId,
      actor: 'order-process',
      now: new Date().toISOString(),
    });
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { state, version } = await loadState(this.runtime.store, orderDecider, orderStreamId(orderId));
      const steps = nextSteps(state);
      if (steps.length === 0) return;
      for (const step of steps) await this.run(state as PlacedOrder, step, metadata());
      const after = await loadState(this.runtime.store, orderDecider, orderStreamId(orderId));
      if (after.version === version) return;
    }
  }

  private async run(order: PlacedOrder, step: FulfilmentStep, metadata: MessageMetadata): Promise<void> {
    const { orderId } = order;
    switch (step.type) {
      case 'route':
        return this.routeStep.run(order, step, metadata);
      case 'request-fulfilment': {
        const { allocationId, reservationId, locationId, method, lines } = step.allocation;
        const fulfilmentId = fulfilmentIdOf(allocationId);
        const request: CreateFulfilmentRequest = {
          fulfilmentId, orderId, allocationId, reservationId, type: method, locationId, lines,
          ...(method === 'ship-to-store' && order.delivery.method === 'pickup' ? { pickupLocationId: order.delivery.locationId } : {}),
        };
        await this.runtime.request(FulfilmentSubjects.create, request, metadata);
        return this.record({ type: 'RecordFulfilmentRequested', data: { orderId, allocationId, fulfilmentId }, metadata });
      }
      case 'release-reservation': {
        const { allocationId, reservationId, lines } = step;
        const allocation = order.allocations.find((a) => a.allocationId === allocationId)!;
        // Named after what the allocation has given back in all, so a retry of this release is recognised and a later one is not.
        const releaseId = `${allocationId}:released:${allocation.released.map((l) => `${l.sku}=${l.quantity}`).join(',')}`;
        const reason = allocation.releaseReasons[allocation.releaseReasons.length - 1] ?? 'cancelled';
        const command: ReleaseReservation = { type: 'ReleaseReservation', data: { reservationId, lines, reason, releaseId }, metadata };
        await this.runtime.request(InventorySubjects.release, command, metadata);
        return this.record({ type: 'RecordReservationReleased', data: { orderId, allocationId }, metadata });
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
        return;
      }
    }
  }

  private async record(command: OrderCommand): Promise<void> {
    await handleCommand(this.runtime.store, orderDecider, orderStreamId(command.data.orderId), command);
  }
}
