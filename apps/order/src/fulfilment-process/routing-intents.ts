import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { SkuQuantity } from '../orders/order.events';
import type { RoutingDecision } from '../routing/routing.types';

/**
 * The decision of one routing attempt, saved before its stock is reserved.
 * A crash after the reservation resumes with the same lines under the same
 * reservation id (inventory answers the repeat without a second effect); a
 * fresh decision could choose other lines and hold stock twice. Each try of
 * an attempt has its own reservation id: an abandoned id is never reused,
 * since inventory remembers settled reservations.
 */
export interface RoutingIntent {
  readonly orderId: string;
  readonly attempt: number;
  readonly try: number;
  readonly reservationId: string;
  readonly lines: readonly SkuQuantity[];
  readonly decision: RoutingDecision;
}

/** `<orderId>:<attempt>` for the first try (the id the other services expect), then `<orderId>:<attempt>.<try>`. */
export const reservationIdOf = (orderId: string, attempt: number, tryNumber: number): string =>
  tryNumber === 0 ? `${orderId}:${attempt}` : `${orderId}:${attempt}.${tryNumber}`;

interface Row {
  order_id: string;
  attempt: number;
  try: number;
  reservation_id: string;
  lines: SkuQuantity[];
  decision: RoutingDecision;
}

const toIntent = (row: Row): RoutingIntent => ({
  orderId: row.order_id,
  attempt: row.attempt,
  try: row.try,
  reservationId: row.reservation_id,
  lines: row.lines,
  decision: row.decision,
});

export class RoutingIntents {
  private readonly pool: Pool;

  constructor(db: DataSource) {
    // Straight to the pool: one row per step of every order, and TypeORM would answer an UPDATE as [rows, count].
    this.pool = (db.driver as unknown as { master: Pool }).master;
  }

  async find(orderId: string, attempt: number): Promise<RoutingIntent | undefined> {
    const { rows } = await this.pool.query<Row>({ name: 'oms-intent-find', text: `select * from routing_intents where order_id = $1 and attempt = $2`, values: [orderId, attempt] });
    return rows[0] && toIntent(rows[0]);
  }

  /**
   * Saves the intent of a try unless another instance saved one for it first;
   * answers whichever is stored, so both instances then reserve the same lines.
   */
  async save(intent: RoutingIntent): Promise<RoutingIntent> {
    const values = [intent.orderId, intent.attempt, intent.try, intent.reservationId, JSON.stringify(intent.lines), JSON.stringify(intent.decision)];
    const { rows } =
      intent.try === 0
        ? await this.pool.query<Row>({
            name: 'oms-intent-first',
            text: `insert into routing_intents (order_id, attempt, try, reservation_id, lines, decision) values ($1, $2, $3, $4, $5, $6)
                   on conflict do nothing returning *`,
            values,
          })
        : await this.pool.query<Row>({
            name: 'oms-intent-next',
            text: `update routing_intents set try = $3, reservation_id = $4, lines = $5, decision = $6
                   where order_id = $1 and attempt = $2 and try = $3 - 1 returning *`,
            values,
          });
    if (rows[0]) return toIntent(rows[0]);
    const stored = await this.find(intent.orderId, intent.attempt);
    if (!stored) throw new Error(`routing intent of ${intent.orderId} attempt ${intent.attempt} vanished`);
    return stored;
  }
}
