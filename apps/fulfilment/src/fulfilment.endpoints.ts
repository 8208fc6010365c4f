import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FulfilmentSubjects } from '@oms/contracts';
import { JsonLogger, ServiceRuntime } from '@oms/messaging';
import { DeadlinePoller } from './deadlines/deadline.poller';
import { FULFILMENT_CONFIG, type FulfilmentConfig } from './fulfilment-config';
import { actOnFulfilment } from './fulfilments/act-on-fulfilment/act-on-fulfilment.handler';
import { cancelFulfilment } from './fulfilments/cancel-fulfilment/cancel-fulfilment.handler';
import { createFulfilment } from './fulfilments/create-fulfilment/create-fulfilment.handler';
import type { FulfilmentDeps } from './fulfilments/fulfilment.deps';
import { FulfilmentRepository } from './fulfilments/fulfilment.repository';
import { findFulfilments, getFulfilment } from './fulfilments/fulfilment-list/fulfilment-list.handler';
import { findPickupCodes } from './pickup-codes/pickup-code.handler';
import { PickupCodeVault } from './pickup-codes/pickup-code.vault';
import { redrawPickupCode } from './pickup-codes/redraw-pickup-code.handler';
import { receiveReturn } from './returns/receive-return/receive-return.handler';
import { requestReturn } from './returns/request-return/request-return.handler';
import { ReturnRepository } from './returns/return.repository';
import { getReturn } from './returns/return-list/return-list.handler';
import { StockEffectRunner } from './stock-effects/stock-effect.runner';

/**
 * Composition of the fulfilment service: answers its NATS subjects and runs
 * the two background loops (deadlines, stock effects). Each handler only
 * translates a request into a command for its repository.
 */
@Injectable()
export class FulfilmentEndpoints implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new JsonLogger('fulfilment');
  private deadlines?: DeadlinePoller;
  private stockEffects?: StockEffectRunner;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(FULFILMENT_CONFIG) private readonly config: FulfilmentConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { runtime, config } = this;
    const vault = await PickupCodeVault.open(runtime.dataSource, config.pickupCodeKey, (message) => this.logger.warn(message));
    const fulfilments = new FulfilmentRepository(runtime.store);
    const returns = new ReturnRepository(runtime.store);
    const deps: FulfilmentDeps = { runtime, fulfilments, vault, config };
    const db = runtime.dataSource;

    runtime.serve(FulfilmentSubjects.create, (payload, context) => createFulfilment(deps, payload, context));
    runtime.serve(FulfilmentSubjects.cancel, (payload, context) => cancelFulfilment(deps, payload, context));
    runtime.serve(FulfilmentSubjects.get, (payload) => getFulfilment(db, payload));
    runtime.serve(FulfilmentSubjects.list, (payload) => findFulfilments(db, payload));
    runtime.serve(FulfilmentSubjects.act, (payload, context) => actOnFulfilment(deps, payload, context));
    runtime.serve(FulfilmentSubjects.pickupCodes, (payload) => findPickupCodes(db, vault, payload));
    runtime.serve(FulfilmentSubjects.redrawPickupCode, (payload, context) => redrawPickupCode(deps, payload, context));
    runtime.serve(FulfilmentSubjects.requestReturn, (payload, context) => requestReturn(runtime, returns, payload, context));
    runtime.serve(FulfilmentSubjects.receiveReturn, (payload, context) => receiveReturn(runtime, returns, payload, context));
    runtime.serve(FulfilmentSubjects.getReturn, (payload) => getReturn(db, payload));

    const onError = (message: string) => this.logger.warn(message);
    this.deadlines = new DeadlinePoller(runtime.store, fulfilments, {
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
