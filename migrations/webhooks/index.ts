import { CreateEventStore1766000000000 } from './1766000000000-create-event-store';
import { CreateWebhookTables1766000000001 } from './1766000000001-create-webhook-tables';

/** Every migration of the webhooks schema, oldest first. */
export const webhooksMigrations = [CreateEventStore1766000000000, CreateWebhookTables1766000000001];
