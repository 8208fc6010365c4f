import type { DeliveryStatus, DeliveryView } from '@oms/contracts';

export interface DeliveryRow {
  readonly delivery_id: string;
  readonly seq: string;
  readonly webhook_id: string;
  readonly event_id: string;
  readonly type: string;
  readonly order_key: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly last_status: number | null;
  readonly last_error: string | null;
  /** `Infinity` (Postgres 'infinity') while the webhook is disabled. */
  readonly next_attempt_at: Date | number;
  readonly created_at: Date;
  readonly delivered_at: Date | null;
}

export const toDeliveryView = (row: DeliveryRow): DeliveryView => ({
  deliveryId: row.delivery_id,
  eventId: row.event_id,
  type: row.type,
  status: row.status,
  attempts: row.attempts,
  lastStatus: row.last_status,
  lastError: row.last_error,
  nextAttemptAt: row.status === 'pending' && row.next_attempt_at instanceof Date ? row.next_attempt_at.toISOString() : null,
  createdAt: row.created_at.toISOString(),
  deliveredAt: row.delivered_at?.toISOString() ?? null,
});
