import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { CreateWebhookRequest, Page, WebhookView, WebhookWithSecret } from '@oms/contracts';
import { RequestShape } from '@oms/messaging/request-shape';
import { checkWebhookUrl, isPublicAddress } from '../destinations/address-policy';
import type { WebhooksConfig } from '../webhooks-config';
import { WebhookUrlRefused } from './webhook.errors';
import type { WebhookRepository } from './webhook.repository';

export interface SubscriptionDeps {
  readonly webhooks: WebhookRepository;
  readonly config: WebhooksConfig;
}

const RESOLVE_WITHIN_MS = 1000;

/**
 * Refuses a URL that is not http(s) or points to a private address. A name
 * that resolves now to a private address is refused too; one that does not
 * resolve yet is accepted (each delivery resolves and checks it again).
 */
const assertDeliverable = async (raw: string, allowPrivate: boolean): Promise<void> => {
  const verdict = checkWebhookUrl(raw, allowPrivate);
  if (!verdict.ok) throw new WebhookUrlRefused(verdict.reason);
  const host = verdict.url.hostname;
  if (allowPrivate || isIP(host.replace(/^\[|\]$/g, ''))) return;
  // Bounded: a slow resolver must not make the answer slow; the name is checked again at each attempt anyway.
  const unresolved = new Promise<[]>((resolve) => setTimeout(() => resolve([]), RESOLVE_WITHIN_MS).unref());
  const addresses = await Promise.race([lookup(host, { all: true }).catch((): [] => []), unresolved]);
  const refused = addresses.find((entry) => !isPublicAddress(entry.address));
  if (refused) throw new WebhookUrlRefused(`must not point to a loopback, private or link-local address (${host} resolves to ${refused.address})`);
};

/** { url, types?, locationId?, description? } → the webhook with its secret, shown this once. */
export const createWebhook = async ({ webhooks, config }: SubscriptionDeps, payload: unknown): Promise<WebhookWithSecret> => {
  const shape = new RequestShape(payload);
  const { url, description } = (payload ?? {}) as { url?: unknown; description?: unknown };
  if (typeof url !== 'string' || url.length === 0 || url.length > 2000) shape.problem('url', 'must be an http or https URL of at most 2000 characters');
  if (description !== undefined && (typeof description !== 'string' || description.length > 500)) shape.problem('description', 'must be a string of at most 500 characters');
  const request: CreateWebhookRequest = {
    url: url as string,
    types: shape.optionalList('types', (path) => shape.text(path), 100),
    locationId: shape.optionalText('locationId'),
    description: description as string | undefined,
  };
  shape.done(request);
  await assertDeliverable(request.url, config.allowPrivate);
  return webhooks.create(request, new Date());
};

export const getWebhook = ({ webhooks }: SubscriptionDeps, payload: unknown): Promise<WebhookView> => {
  const shape = new RequestShape(payload);
  return webhooks.get(shape.done(shape.text('webhookId')));
};

export const listWebhooks = ({ webhooks }: SubscriptionDeps, payload: unknown): Promise<Page<WebhookView>> => {
  const shape = new RequestShape(payload);
  const limit = shape.integer('limit', 1, 200, 50);
  const cursor = shape.optionalText('cursor');
  return webhooks.list(shape.done(limit), cursor);
};

export const deleteWebhook = async ({ webhooks }: SubscriptionDeps, payload: unknown): Promise<null> => {
  const shape = new RequestShape(payload);
  await webhooks.delete(shape.done(shape.text('webhookId')));
  return null;
};

export const rotateSecret = ({ webhooks, config }: SubscriptionDeps, payload: unknown): Promise<WebhookWithSecret> => {
  const shape = new RequestShape(payload);
  return webhooks.rotateSecret(shape.done(shape.text('webhookId')), new Date(), config.secretOverlapMs);
};
