import type { ActingCaller } from '@oms/contracts';
import type { DataSource } from 'typeorm';
import { NotAllowedOnFulfilment } from '../fulfilments/fulfilment.errors';
import { RequestShape } from '@oms/messaging/request-shape';
import type { PickupCodeVault } from './pickup-code.vault';

export interface PickupCodeView {
  readonly fulfilmentId: string;
  readonly orderId: string;
  readonly pickupCode: string;
  readonly expiresAt: string;
}

/** Checkout shows the code to the customer and admin to customer service; a store must get it from the customer. */
const MAY_SEE_CODES = new Set(['admin', 'checkout']);

/**
 * { orderId } or { fulfilmentIds }, with the caller: the codes of the ready
 * pickups among them. A pickup that is no longer ready has no code to show.
 */
export const findPickupCodes = async (db: DataSource, vault: PickupCodeVault, payload: unknown): Promise<{ items: PickupCodeView[] }> => {
  const shape = new RequestShape(payload ?? {});
  const request = shape.done({
    orderId: shape.optionalText('orderId'),
    fulfilmentIds: shape.optionalList('fulfilmentIds', (p) => shape.text(p), 200),
    callerRole: shape.optionalOneOf('caller.role', ['admin', 'checkout', 'store', 'logistics'] as const),
  });
  const caller = (payload as { caller?: ActingCaller }).caller;
  if (caller && !MAY_SEE_CODES.has(caller.role)) throw new NotAllowedOnFulfilment(request.orderId ?? '*', `the ${caller.role} role may not see pickup codes`);
  if (!request.orderId && !request.fulfilmentIds) return { items: [] };
  const rows: Array<{ fulfilment_id: string; order_id: string; sealed_code: string; expires_at: string }> = await db.query(
    `select f.fulfilment_id, f.order_id, c.sealed_code, f.view->'pickup'->>'expiresAt' as expires_at
     from fulfilments f join pickup_codes c on c.fulfilment_id = f.fulfilment_id
     where f.status = 'ready_for_pickup'
       and ($1::text is null or f.order_id = $1)
       and ($2::text[] is null or f.fulfilment_id = any($2))
     order by f.fulfilment_id`,
    [request.orderId ?? null, request.fulfilmentIds ?? null],
  );
  return { items: rows.map((r) => ({ fulfilmentId: r.fulfilment_id, orderId: r.order_id, pickupCode: vault.open(r.sealed_code), expiresAt: r.expires_at })) };
};
