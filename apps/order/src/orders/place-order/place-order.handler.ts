import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@oms/contracts';
import { InventorySubjects, type LocationView } from '@oms/contracts/inventory.contracts';
import { SAFE_TO_REPEAT, ServiceRuntime, ServiceUnavailable, type RequestContext } from '@oms/messaging';
import { OrderSubjects, type OrderView } from '@oms/contracts/order.contracts';
import { runPrepared } from '@oms/event-store';
import { randomUUID } from 'node:crypto';
import { FulfilmentProcessRunner } from '../../fulfilment-process/fulfilment-process.runner';
import { ORDER_CONFIG, type OrderConfig } from '../../order-config';
import { OrderBook } from '../order-book';
import { findOrder } from '../order-summaries/order-summaries.query';
import type { PlaceOrder } from '../order.commands';
import { IdempotencyKeyReused } from '../order.errors';
import { initialState, type PlacedOrder } from '../order.state';
import { orderView } from '../order.view';
import { PlaceOrderCommand } from './place-order.command';

/** Another request with the same key committed first: answer its order instead. */
const isKeyTaken = (error: unknown): boolean =>
  (error as { code?: string; constraint?: string })?.code === '23505' && (error as { constraint?: string }).constraint === 'idempotency_keys_pkey';

export class InvalidPickupLocation extends DomainError {
  constructor(locationId: string, why: string) {
    super('ORDER.INVALID_PICKUP_LOCATION', 'validation', `Location ${locationId} ${why}`, [{ path: 'delivery.locationId', message: why }]);
  }
}

/**
 * The caller stopped waiting while the placement queued (a service past what
 * it can take): placed now, it would be an order its client was told failed,
 * and work for every service after it. The client places it again with its key.
 */
const giveUpIfLate = (context: RequestContext): void => {
  if (context.deadline !== undefined && Date.now() > context.deadline) throw new ServiceUnavailable(OrderSubjects.place, 'the caller stopped waiting before the order could be placed');
};

/**
 * Idempotent by key: the key row is written by the statement of OrderPlaced,
 * so of two racing requests one commits and the other waits on the key, then
 * answers the first one's order (or 409 when its body differs). The order's
 * process starts as soon as it is placed.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(OrderBook) private readonly orders: OrderBook,
    @Inject(FulfilmentProcessRunner) private readonly process: FulfilmentProcessRunner,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {}

  async execute({ input, context }: PlaceOrderCommand): Promise<OrderView> {
    const { metadata, ...data } = input;
    if (data.delivery.method === 'pickup') {
      // A repeat answers the order placed then, even if the store has stopped offering pickup since.
      const earlier = await this.earlierOrder(data.idempotencyKey, data.bodyHash);
      if (earlier) return earlier;
      await this.checkPickupLocation(data.delivery.locationId, context);
    }

    const orderId = randomUUID();
    const orderNumber = await this.nextOrderNumber();
    giveUpIfLate(context);
    const command: PlaceOrder = { type: 'PlaceOrder', data: { orderId, orderNumber, ...data }, metadata };
    try {
      const placed = await this.orders.record(orderId, [command], {
        known: { state: initialState, version: 0 },
        // Without ON CONFLICT: a key already taken fails the whole statement, so nothing of this order is written.
        alongside: [
          { table: 'idempotency_keys', columns: { key: ['text', data.idempotencyKey], order_id: ['text', orderId], body_hash: ['text', data.bodyHash] } },
        ],
      });
      this.process.kick(orderId, placed, { correlationId: metadata.correlationId, eventId: placed.events[0].metadata.eventId });
      return orderView(placed.state as PlacedOrder);
    } catch (error) {
      if (!isKeyTaken(error)) throw error;
    }
    const winner = await this.earlierOrder(data.idempotencyKey, data.bodyHash);
    if (!winner) throw new Error(`idempotency key ${data.idempotencyKey} is taken but names no order`);
    return winner;
  }

  /** One sequence for every instance: unique and increasing; a retried key that loses the race leaves a gap, never a duplicate. */
  private async nextOrderNumber(): Promise<string> {
    const rows = await runPrepared<{ n: string }>(this.runtime.dataSource, `select nextval('order_numbers')::text as n`);
    return `${this.config.orderNumberPrefix}${rows[0].n}`;
  }

  private async earlierOrder(key: string, bodyHash: string): Promise<OrderView | undefined> {
    const rows: Array<{ order_id: string; body_hash: string }> = await this.runtime.dataSource.query(
      `select order_id, body_hash from idempotency_keys where key = $1`,
      [key],
    );
    if (rows.length === 0) return undefined;
    if (rows[0].body_hash !== bodyHash) throw new IdempotencyKeyReused(key);
    return findOrder(this.runtime.dataSource, rows[0].order_id);
  }

  private async checkPickupLocation(locationId: string, context: RequestContext): Promise<void> {
    let location: LocationView;
    try {
      location = await this.runtime.request<LocationView>(InventorySubjects.getLocation, { locationId }, context, SAFE_TO_REPEAT);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not-found') throw new InvalidPickupLocation(locationId, 'is not a known location');
      throw error;
    }
    if (!location.capabilities.pickup) throw new InvalidPickupLocation(locationId, 'does not offer pickup');
    if (!location.active) throw new InvalidPickupLocation(locationId, 'is paused and takes no new orders');
  }
}
