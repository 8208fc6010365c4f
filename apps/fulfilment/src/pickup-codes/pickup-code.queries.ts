import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ActingCaller } from '@oms/contracts';
import { ServiceRuntime } from '@oms/messaging';
import { NotAllowedOnFulfilment } from '../fulfilments/fulfilment.errors';
import { PickupCodeVault } from './pickup-code.vault';

export interface PickupCodeView {
  readonly fulfilmentId: string;
  readonly orderId: string;
  readonly pickupCode: string;
  readonly expiresAt: string;
}

export class PickupCodesQuery extends Query<{ items: PickupCodeView[] }> {
  constructor(readonly request: { readonly orderId?: string; readonly fulfilmentIds?: readonly string[]; readonly caller?: ActingCaller }) {
    super();
  }
}

/** Checkout shows the code to the customer and admin to customer service; a store must get it from the customer. */
const MAY_SEE_CODES = new Set(['admin', 'checkout']);

/** The codes of the ready pickups among those asked for. A pickup that is no longer ready has no code to show. */
@QueryHandler(PickupCodesQuery)
export class PickupCodesHandler implements IQueryHandler<PickupCodesQuery> {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(PickupCodeVault) private readonly vault: PickupCodeVault,
  ) {}

  async execute({ request }: PickupCodesQuery): Promise<{ items: PickupCodeView[] }> {
    const { orderId, fulfilmentIds, caller } = request;
    if (caller && !MAY_SEE_CODES.has(caller.role)) throw new NotAllowedOnFulfilment(orderId ?? '*', `the ${caller.role} role may not see pickup codes`);
    if (!orderId && !fulfilmentIds) return { items: [] };
    const rows: Array<{ fulfilment_id: string; order_id: string; sealed_code: string; expires_at: string }> = await this.runtime.dataSource.query(
      `select f.fulfilment_id, f.order_id, c.sealed_code, f.view->'pickup'->>'expiresAt' as expires_at
       from fulfilments f join pickup_codes c on c.fulfilment_id = f.fulfilment_id
       where f.status = 'ready_for_pickup'
         and ($1::text is null or f.order_id = $1)
         and ($2::text[] is null or f.fulfilment_id = any($2))
       order by f.fulfilment_id`,
      [orderId ?? null, fulfilmentIds ?? null],
    );
    return { items: rows.map((r) => ({ fulfilmentId: r.fulfilment_id, orderId: r.order_id, pickupCode: this.vault.open(r.sealed_code), expiresAt: r.expires_at })) };
  }
}
