import { Injectable, type OnModuleInit } from '@nestjs/common';
import { provisionStreams } from '@oms/messaging';
import { GatewayConfig } from '../gateway-config';
import { GatewayNats } from '../gateway-nats';

/**
 * One JetStream stream that sources the public events of the three services,
 * so that the live feed has a single sequence to resume from (Last-Event-ID).
 */
@Injectable()
export class PublicEventsStream implements OnModuleInit {
  readonly name: string;

  constructor(private readonly nats: GatewayNats, private readonly config: GatewayConfig) {
    this.name = `${config.namespace.name}_public_events`.toUpperCase();
  }

  async onModuleInit(): Promise<void> {
    const ns = this.config.namespace;
    const sources = [
      { name: ns.eventStream('order').name },
      { name: ns.eventStream('fulfilment').name },
      { name: ns.eventStream('inventory').name, filter_subject: ns.eventSubject('inventory', 'StockLevelChanged') },
    ];
    // A week of events to resume from is plenty for a live feed.
    await provisionStreams(this.nats.connection, [{ name: this.name, subjects: [], sources, maxAgeMs: 7 * 24 * 3600 * 1000 }], {
      replicas: this.config.streamReplicas,
    });
  }
}
