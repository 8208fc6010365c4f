import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, stampMetadata } from '@oms/contracts';
import { ServiceRuntime } from '@oms/messaging';
import { cancelFulfilment } from '../../fulfilment-process/fulfilment-cancellation';
import { FulfilmentProcessRunner } from '../../fulfilment-process/fulfilment-process.runner';
import { OrderLocks } from '../../fulfilment-process/order-locks';
import { releaseIntent } from '../../fulfilment-process/route-step';
import { StepContext } from '../../fulfilment-process/step-context';
import { OrderBook, type KnownOrder } from '../order-book';
import type { CancelOrder, OrderCommand, RecordFulfilmentProgress } from '../order.commands';
import { decide, evolve } from '../order.decider';
import { OrderBusy } from '../order.errors';
import type { OrderCancelled, OrderLinesCancelled } from '../order.events';
import type { OrderState, PlacedOrder } from '../order.state';
import type { OrderView } from '@oms/contracts/order.contracts';
import { orderView } from '../order.view';
import { CancelOrderCommand } from './cancel-order.command';

/** How long a cancellation waits for a runner that holds the order, before answering 503. */
const LOCK_WAIT_MS = 3000;

const fold = (state: OrderState, commands: readonly OrderCommand[]): OrderState =>
  commands.reduce((s, command) => decide(command, s).reduce(evolve, s), state);

/**
 * Cancels against the truth, holding the order's lock so that no step runs
 * meanwhile. A pending routing intent is released and withdrawn first. Every
 * fulfilment the cancellation touches is asked to cancel before anything is
 * recorded: one that shipped or was collected meanwhile refuses, its lines
 * count as fulfilled and the cancellation is decided again without them. The
 * order then records the cancellation with its fulfilments' answers, and the
 * process releases the stock: only stock whose fulfilment is confirmed
 * cancelled is ever given back. The answer shows what was and was not cancelled.
 */
@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand> {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(OrderBook) private readonly orders: OrderBook,
    @Inject(OrderLocks) private readonly locks: OrderLocks,
    @Inject(FulfilmentProcessRunner) private readonly process: FulfilmentProcessRunner,
  ) {}

  async execute({ request: data, context }: CancelOrderCommand): Promise<OrderView> {
    const metadata = stampMetadata(context);
    const lock = await this.locks.acquire(data.orderId, LOCK_WAIT_MS);
    if (!lock) throw new OrderBusy(data.orderId);
    try {
      const ctx = new StepContext(this.runtime, this.orders, lock, metadata);
      const order = lock.order;
      const commands = await this.settle(order, { type: 'CancelOrder', data, metadata }, ctx);
      const cancelled = await this.orders.record(data.orderId, commands, { known: order });
      if (cancelled.events.length > 0) this.process.kick(data.orderId, cancelled, { correlationId: context.correlationId, eventId: cancelled.events[0].metadata.eventId });
      return orderView(cancelled.state as PlacedOrder);
    } finally {
      await lock.release();
    }
  }

  /** The commands to record: the intent withdrawn, the fulfilments' refusals, the cancellation, their confirmations. */
  private async settle(order: KnownOrder, cancel: CancelOrder, ctx: StepContext): Promise<OrderCommand[]> {
    const { orderId } = cancel.data;
    const before: OrderCommand[] = [];
    const intent = order.state.status === 'none' ? null : order.state.intent;
    if (intent) {
      await releaseIntent(intent.reservationId, ctx);
      before.push({ type: 'WithdrawRoutingIntent', data: { orderId, reservationId: intent.reservationId }, metadata: cancel.metadata });
    }
    const confirmed = new Map<string, RecordFulfilmentProgress>();
    const request = <T>(subject: string, payload: unknown) => ctx.request<T>(subject, payload);
    // Each refusal takes an allocation out of the cancellation, so this ends within one pass per allocation.
    for (;;) {
      let event: OrderCancelled | OrderLinesCancelled;
      try {
        [event] = decide(cancel, fold(order.state, before)) as [OrderCancelled | OrderLinesCancelled];
      } catch (error) {
        // What was asked can no longer be cancelled; what the fulfilments answered is recorded all the same.
        if (error instanceof DomainError && (before.length > 0 || confirmed.size > 0)) await this.orders.record(orderId, [...before, ...confirmed.values()], { known: order });
        throw error;
      }
      let refused = false;
      for (const { allocationId, fulfilmentId } of event.data.allocations) {
        if (fulfilmentId === null || confirmed.has(allocationId)) continue;
        const progress = await cancelFulfilment(request, { orderId, allocationId, fulfilmentId }, 'order-cancelled', cancel.metadata);
        if (progress.data.fulfilmentStatus === 'cancelled') confirmed.set(allocationId, progress);
        else (before.push(progress), (refused = true));
      }
      if (!refused) return [...before, cancel, ...confirmed.values()];
    }
  }
}
