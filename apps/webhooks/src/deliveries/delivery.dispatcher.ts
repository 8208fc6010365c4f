import { JsonLogger } from '@oms/messaging';
import { signingSecrets } from '../subscriptions/webhook.row';
import { signatureHeader } from '../subscriptions/webhook-signature';
import type { WebhooksConfig } from '../webhooks-config';
import type { ClaimedDelivery, DeliveryQueue } from './delivery.queue';
import type { DeliverySender } from './delivery.sender';
import { nextStep, shouldDisable } from './retry-schedule';

/**
 * Each instance's delivery loop: claims due deliveries up to its
 * concurrency, makes one attempt of each at once (so a slow endpoint holds
 * only its own slots) and records the outcome. It looks again as soon as an
 * attempt ends or a new event is queued, otherwise every poll interval.
 */
export class DeliveryDispatcher {
  private readonly logger = new JsonLogger('webhooks', 'deliveries');
  private readonly inFlight = new Set<Promise<void>>();
  /** Attempts in flight per webhook, for the per-endpoint limit. */
  private readonly perWebhook = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private polling = false;
  private again = false;
  private stopped = false;
  private nextPollAt = Infinity;

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly sender: DeliverySender,
    private readonly config: WebhooksConfig,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Something may be due now: look without waiting for the interval. */
  wake(): void {
    if (this.stopped) return;
    if (this.polling) this.again = true;
    // A short pause gathers the attempts that end together into one claim.
    else this.schedule(2);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Polls after `delayMs`, unless a poll is due sooner already. */
  private schedule(delayMs: number): void {
    const at = Date.now() + delayMs;
    if (this.stopped || (this.timer && at >= this.nextPollAt)) return;
    clearTimeout(this.timer);
    this.nextPollAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.nextPollAt = Infinity;
      void this.poll();
    }, delayMs);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    let full = false;
    try {
      const free = this.config.concurrency - this.inFlight.size;
      if (free > 0) {
        const now = new Date();
        // The lease outlasts an attempt; a process that dies mid-attempt leaves the delivery to be claimed again once it ends.
        const saturated = [...this.perWebhook].filter(([, n]) => n >= this.config.endpointConcurrency).map(([id]) => id);
        const claimed = await this.queue.claim(free, saturated, now, new Date(now.getTime() + this.config.timeoutMs + 5000));
        for (const delivery of claimed) this.run(delivery);
        full = claimed.length === free;
      }
    } catch (error) {
      this.logger.warn(`claiming deliveries failed: ${error instanceof Error ? error.message : error}`);
    } finally {
      this.polling = false;
      const soon = this.again || full;
      this.again = false;
      this.schedule(soon ? 0 : this.config.pollIntervalMs);
    }
  }

  private run(delivery: ClaimedDelivery): void {
    const { webhookId } = delivery;
    this.perWebhook.set(webhookId, (this.perWebhook.get(webhookId) ?? 0) + 1);
    const task: Promise<void> = this.attempt(delivery)
      .catch((error) => this.logger.warn(`delivery ${delivery.deliveryId}: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        const left = (this.perWebhook.get(webhookId) ?? 1) - 1;
        if (left > 0) this.perWebhook.set(webhookId, left);
        else this.perWebhook.delete(webhookId);
        this.inFlight.delete(task);
        this.wake();
      });
    this.inFlight.add(task);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify(delivery.body);
    const timestamp = Math.floor(Date.now() / 1000);
    const secrets = signingSecrets(delivery.secrets, new Date());
    const result = await this.sender.send({
      url: delivery.url,
      body,
      headers: { 'webhook-id': delivery.eventId, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(secrets, delivery.eventId, timestamp, body) },
    });
    const now = new Date();
    const step = nextStep(delivery.attempts, result, this.config.retryScheduleMs, now, Math.random());
    const { recorded, disabled } = await this.queue.record(delivery, result, step, now, (since) => shouldDisable(since, now, this.config.disableAfterMs));
    if (!recorded) return;
    const what = `${delivery.type} ${delivery.eventId} to webhook ${delivery.webhookId} (delivery ${delivery.deliveryId}, attempt ${delivery.attempts})`;
    if (step.status === 'delivered') this.logger.log(`delivered ${what}: HTTP ${result.status}`);
    else {
      const why = result.ok ? '' : result.error;
      if (step.status === 'pending') this.logger.warn(`retrying ${what} at ${step.nextAttemptAt.toISOString()}: ${why}`);
      else this.logger.warn(`failed ${what} after its last attempt: ${why}`);
    }
    if (disabled) this.logger.warn(`disabled webhook ${delivery.webhookId}: it has failed for ${Math.round(this.config.disableAfterMs / 3_600_000)} h`);
  }
}
