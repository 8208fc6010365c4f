import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@oms/contracts';
import { InventorySubjects, type LocationView } from '@oms/contracts/inventory.contracts';
import { handleCommand } from '@oms/event-store';
import { ServiceRuntime } from '@oms/messaging';
import { randomUUID } from 'node:crypto';
import { findOrder } from '../order-summaries/order-summaries.query';
import type { PlaceOrder } from '../order.commands';
import { orderDecider } from '../order.decider';
import { IdempotencyKeyReused } from '../order.errors';
import { placeOrderFrom } from '../order.requests';
import type { PlacedOrder } from '../order.state';
import { orderStreamId } from '../order.stream';
import { orderView, type OrderView } from '../order.view';
import { PlaceOrderCommand } from './place-order.command';

/** Another request with the same key committed first: answer its order instead. */
class KeyTaken extends Error {}

export class InvalidPickupLocation extends DomainError {
  constructor(locationId: string, why: string) {
    super('ORDER.INVALID_PICKUP_LOCATION', 'validation', `Location ${locationId} ${why}`, [{ path: 'delivery.locationId', message: why }]);
  }
}

/**
 * Idempotent by key: the key row is written in the transaction of OrderPlaced,
 * so of two racing requests one commits and the other waits on the key, then
 * answers the first one's order (or 409 when its body differs).
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ request, context }: PlaceOrderCommand): Promise<OrderView> {
    const { metadata, ...data } = placeOrderFrom(request, context);
    const earlier = await this.earlierOrder(data.idempotencyKey, data.bodyHash);
    if (earlier) return earlier;
    if (data.delivery.method === 'pickup') await this.checkPickupLocation(data.delivery.locationId, context);

    const orderId = randomUUID();
    const command: PlaceOrder = { type: 'PlaceOrder', data: { orderId, ...data }, metadata };
    try {
      const { state } = await handleCommand(this.runtime.store, orderDecider, orderStreamId(orderId), command, {
        alsoInTransaction: async (tx) => {
          const inserted: unknown[] = await tx.query(
            `insert into idempotency_keys (key, order_id, body_hash) values ($1, $2, $3) on conflict do nothing returning 1`,
            [data.idempotencyKey, orderId, data.bodyHash],
          );
          if (inserted.length === 0) throw new KeyTaken();
        },
      });
      return orderView(state as PlacedOrder);
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
    }
    const winner = await this.earlierOrder(data.idempotencyKey, data.bodyHash);
    if (!winner) throw new Error(`idempotency key ${data.idempotencyKey} is taken but names no order`);
    return winner;
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

  private async checkPickupLocation(locationId: string, context: { correlationId: string; actor: string }): Promise<void> {
    let location: LocationView;
    try {
      location = await this.runtime.request<LocationView>(InventorySubjects.getLocation, { locationId }, context);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not-found') throw new InvalidPickupLocation(locationId, 'is not a known location');
      throw error;
    }
    if (!location.capabilities.pickup) throw new InvalidPickupLocation(locationId, 'does not offer pickup');
    if (!location.active) throw new InvalidPickupLocation(locationId, 'is paused and takes no new orders');
  }
}
