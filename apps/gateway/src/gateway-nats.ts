import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { GatewayConfig } from './gateway-config';

/** The gateway's one NATS connection; it keeps reconnecting forever, and is drained on shutdown. */
@Injectable()
export class GatewayNats implements OnApplicationShutdown {
  private constructor(readonly connection: NatsConnection) {}

  static async connect(config: GatewayConfig): Promise<GatewayNats> {
    try {
      return new GatewayNats(await connect({ servers: config.natsUrl, name: 'gateway', maxReconnectAttempts: -1, reconnectTimeWait: 500 }));
    } catch (error) {
      throw new Error(`cannot connect to NATS at ${config.natsUrl} (NATS_URL): ${error instanceof Error ? error.message : error}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.drain().catch(() => undefined);
  }
}
