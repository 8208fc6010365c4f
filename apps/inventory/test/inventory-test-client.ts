import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { LocationView, PutLocationRequest } from '@oms/contracts/inventory.contracts';
import { InventorySubjects } from '@oms/contracts/inventory.contracts';
import { createServiceDataSource } from '@oms/event-store';
import { Namespace, request } from '@oms/messaging';
import type { TestSystem } from '@oms/testing/service-process';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export type Subject = keyof typeof InventorySubjects;

/** Talks to the spawned inventory processes the way the gateway and the order service do: NATS request/reply. */
export class InventoryTestClient {
  private constructor(
    readonly nc: NatsConnection,
    readonly ns: Namespace,
    /** The service's own schema, for assertions on read models and events. */
    readonly db: DataSource,
  ) {}

  static async connect(system: TestSystem): Promise<InventoryTestClient> {
    const nc = await connect({ servers: system.env.NATS_URL });
    const db = createServiceDataSource({ databaseUrl: system.env.DATABASE_URL, schema: `${system.env.OMS_SCHEMA_PREFIX}inventory`, poolSize: 2 });
    await db.initialize();
    return new InventoryTestClient(nc, new Namespace(system.env.OMS_NAMESPACE), db);
  }

  send<T = any>(subject: Subject, payload: unknown, timeoutMs = 20_000): Promise<T> {
    return request<T>(this.nc, this.ns.subject(InventorySubjects[subject]), payload, { correlationId: randomUUID(), actor: 'test' }, timeoutMs);
  }

  putLocation(locationId: string, more: Partial<PutLocationRequest> = {}): Promise<LocationView> {
    return this.send('putLocation', {
      locationId,
      name: locationId,
      type: 'store',
      geo: { lat: 48.86, lon: 2.34 },
      capabilities: { pickup: true, shipFromStore: true, ship: false },
      capacityPerDay: 1000,
      active: true,
      ...more,
    });
  }

  async close(): Promise<void> {
    await this.nc.close();
    await this.db.destroy();
  }
}

/** Sends a reserve command the way the order service does: a command with metadata. */
export const reserveCommand = (reservationId: string, lines: Array<{ locationId: string; sku: string; quantity: number }>, orderId = `order-${reservationId}`) => ({
  type: 'ReserveStock',
  data: { reservationId, orderId, lines },
  metadata: { correlationId: randomUUID(), actor: 'order', now: new Date().toISOString() },
});
