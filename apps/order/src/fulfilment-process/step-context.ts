import type { MessageMetadata } from '@oms/contracts';
import type { ServiceRuntime } from '@oms/messaging';
import type { KnownOrder, OrderBook } from '../orders/order-book';
import type { OrderCommand } from '../orders/order.commands';
import type { OrderLock } from './order-locks';

/** What a step works with: the order's lock, checked before every effect, and the one way it records an outcome. */
export class StepContext {
  constructor(
    readonly runtime: ServiceRuntime,
    private readonly orders: OrderBook,
    readonly lock: OrderLock,
    readonly metadata: MessageMetadata,
  ) {}

  /** A request to another service: an effect, so made only while the order's lock holds. */
  request<T>(subject: string, payload: unknown): Promise<T> {
    this.lock.assertHeld();
    return this.runtime.request<T>(subject, payload, this.metadata);
  }

  /** Appends with the version the step worked from as the expected one: a stale guess is decided again on the stored order. */
  record(order: KnownOrder, command: OrderCommand): Promise<KnownOrder> {
    this.lock.assertHeld();
    return this.orders.record(command.data.orderId, [command], { known: order });
  }

  load(orderId: string): Promise<KnownOrder> {
    return this.orders.load(orderId);
  }
}
