import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats, JsonLogger } from '@oms/messaging';
import { GatewayConfig } from './gateway-config';

/**
 * The gateway's one NATS connection. Started while NATS is down, the gateway
 * waits for it (and listens once connected); it keeps reconnecting forever,
 * and is drained on shutdown.
 */
@Injectable()
export class GatewayNats implements OnApplicationShutdown {
  private constructor(readonly connection: NatsConnection) {}

  static async connect(config: GatewayConfig): Promise<GatewayNats> {
    return new GatewayNats(await connectNats(config.natsUrl, 'gateway', new JsonLogger('gateway')));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.drain().catch(() => undefined);
  }
}
