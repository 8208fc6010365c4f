import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { WebhookSubjects } from '@oms/contracts';
import { JsonLogger, ServiceRuntime } from '@oms/messaging';
import { DeliveryDispatcher } from './deliveries/delivery.dispatcher';
import { listDeliveries, replay, type DeliveryDeps } from './deliveries/delivery.handlers';
import { DeliveryQueue } from './deliveries/delivery.queue';
import { DeliverySender } from './deliveries/delivery.sender';
import { RetentionSweeper } from './deliveries/retention.sweeper';
import { consumePublicEvents } from './events/public-events.consumer';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, rotateSecret, type SubscriptionDeps } from './subscriptions/webhook.handlers';
import { WebhookRepository } from './subscriptions/webhook.repository';
import { WEBHOOKS_CONFIG, type WebhooksConfig } from './webhooks-config';

/**
 * Composition of the webhooks service: answers its NATS subjects, consumes
 * the public events into the delivery queue and runs this instance's
 * delivery loop.
 */
@Injectable()
export class WebhooksEndpoints implements OnApplicationBootstrap, OnModuleDestroy {
  private dispatcher?: DeliveryDispatcher;
  private sender?: DeliverySender;
  private sweeper?: RetentionSweeper;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { runtime, config } = this;
    const webhooks = new WebhookRepository(runtime.dataSource);
    const queue = new DeliveryQueue(runtime.dataSource);
    const sender = (this.sender = new DeliverySender({ timeoutMs: config.timeoutMs, allowPrivate: config.allowPrivate }));
    const dispatcher = (this.dispatcher = new DeliveryDispatcher(queue, sender, config));
    const queued = () => dispatcher.wake();
    const subscriptions: SubscriptionDeps = { webhooks, config };
    const deliveries: DeliveryDeps = { webhooks, queue, queued };

    runtime.serve(WebhookSubjects.create, (payload) => createWebhook(subscriptions, payload));
    runtime.serve(WebhookSubjects.list, (payload) => listWebhooks(subscriptions, payload));
    runtime.serve(WebhookSubjects.get, (payload) => getWebhook(subscriptions, payload));
    runtime.serve(WebhookSubjects.delete, (payload) => deleteWebhook(subscriptions, payload));
    runtime.serve(WebhookSubjects.rotateSecret, (payload) => rotateSecret(subscriptions, payload));
    runtime.serve(WebhookSubjects.deliveries, (payload) => listDeliveries(deliveries, payload));
    runtime.serve(WebhookSubjects.replay, (payload) => replay(deliveries, payload));
    runtime.serve(WebhookSubjects.metrics, () => queue.metrics(new Date()));

    await consumePublicEvents(runtime, queue, queued);
    dispatcher.start();
    const logger = new JsonLogger('webhooks', 'retention');
    this.sweeper = new RetentionSweeper(runtime.dataSource, config.retentionMs, (message) => logger.warn(message));
    this.sweeper.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.sweeper?.stop();
    await this.dispatcher?.stop();
    this.sender?.close();
  }
}
