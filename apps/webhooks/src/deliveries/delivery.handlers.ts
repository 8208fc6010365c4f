import type { DeliveryView, Page, ReplayResult } from '@oms/contracts';
import { RequestShape } from '@oms/messaging/request-shape';
import { ReplaySinceInvalid } from '../subscriptions/webhook.errors';
import type { WebhookRepository } from '../subscriptions/webhook.repository';
import type { DeliveryQueue } from './delivery.queue';

export interface DeliveryDeps {
  readonly webhooks: WebhookRepository;
  readonly queue: DeliveryQueue;
  /** Tells this instance's dispatcher that deliveries were queued. */
  readonly queued: () => void;
}

/** { webhookId, limit?, cursor? } → the delivery log, newest first. */
export const listDeliveries = async ({ webhooks, queue }: DeliveryDeps, payload: unknown): Promise<Page<DeliveryView>> => {
  const shape = new RequestShape(payload);
  const webhookId = shape.text('webhookId');
  const limit = shape.integer('limit', 1, 200, 50);
  const cursor = shape.optionalText('cursor');
  shape.done(null);
  await webhooks.row(webhookId);
  return queue.list(webhookId, limit, cursor);
};

/** { webhookId, since } → every matching event since then queued again. */
export const replay = async ({ webhooks, queue, queued }: DeliveryDeps, payload: unknown): Promise<ReplayResult> => {
  const shape = new RequestShape(payload);
  const webhookId = shape.text('webhookId');
  const sinceText = shape.text('since');
  shape.done(null);
  const since = new Date(sinceText);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(sinceText) || Number.isNaN(since.getTime())) throw new ReplaySinceInvalid();
  await webhooks.row(webhookId);
  const count = await queue.replay(webhookId, since, new Date());
  if (count > 0) queued();
  return { webhookId, since: since.toISOString(), queued: count };
};
