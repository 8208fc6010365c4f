import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { JsonLogger, ServiceRuntime } from '@oms/messaging';
import { DeadlinePoller } from './deadlines/deadline.poller';
import { FULFILMENT_CONFIG, type FulfilmentConfig } from './fulfilment-config';
import { FulfilmentRepository } from './fulfilments/fulfilment.repository';
import { StockEffectRunner } from './stock-effects/stock-effect.runner';

/** The service's two background loops: deadlines that fire, and stock effects sent to inventory. Every instance runs both. */
@Injectable()
export class FulfilmentLoops implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new JsonLogger('fulfilment');
  private deadlines?: DeadlinePoller;
  private stockEffects?: StockEffectRunner;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(FulfilmentRepository) private readonly fulfilments: FulfilmentRepository,
    @Inject(FULFILMENT_CONFIG) private readonly config: FulfilmentConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { runtime, config } = this;
    const onError = (message: string) => this.logger.warn(message);
    this.deadlines = new DeadlinePoller(runtime.store, this.fulfilments, {
      pollIntervalMs: config.pollIntervalMs,
      onError,
      onFired: (kind, fulfilmentId) => this.logger.log(`${kind} deadline fired for ${fulfilmentId}`, 'deadlines'),
    });
    this.stockEffects = new StockEffectRunner(runtime.store, {
      pollIntervalMs: config.pollIntervalMs,
      send: (subject, payload, context) => runtime.request(subject, payload, context),
      onError,
    });
    this.deadlines.start();
    this.stockEffects.start();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.deadlines?.stop(), this.stockEffects?.stop()]);
  }
}
