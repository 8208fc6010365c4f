import { OPEN_WORK_STATUSES, type FulfilmentType, type LateWork, type Page } from '@oms/contracts';
import type { DataSource } from 'typeorm';
import { withLateness, type FulfilmentView } from '../fulfilment.view';

export interface FulfilmentFilter {
  /** Matches where the stock is taken or, for ship-to-store, the store that hands it over. */
  readonly locationId?: string;
  readonly status?: string;
  readonly type?: string;
  readonly orderId?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** Keyset pagination on the fulfilment id: the cursor is the last id of the previous page. */
export const listFulfilments = async (db: DataSource, filter: FulfilmentFilter): Promise<Page<FulfilmentView>> => {
  const rows: Array<{ fulfilment_id: string; view: FulfilmentView }> = await db.query(
    `select fulfilment_id, view from fulfilments
     where ($1::text is null or location_id = $1 or pickup_location_id = $1)
       and ($2::text is null or status = $2)
       and ($3::text is null or type = $3)
       and ($4::text is null or order_id = $4)
       and ($5::text is null or fulfilment_id > $5)
     order by fulfilment_id
     limit $6`,
    [filter.locationId ?? null, filter.status ?? null, filter.type ?? null, filter.orderId ?? null, filter.cursor ?? null, filter.limit + 1],
  );
  const now = Date.now();
  const items = rows.slice(0, filter.limit).map((r) => withLateness(r.view, now));
  return { items, nextCursor: rows.length > filter.limit ? rows[filter.limit - 1].fulfilment_id : null };
};

export const findFulfilment = async (db: DataSource, fulfilmentId: string): Promise<FulfilmentView | undefined> => {
  const rows: Array<{ view: FulfilmentView }> = await db.query(`select view from fulfilments where fulfilment_id = $1`, [fulfilmentId]);
  return rows[0] && withLateness(rows[0].view, Date.now());
};

/** Open work past its due time, by type. Due times are ISO 8601 UTC strings, which sort as the instants they name. */
export const countLateWork = async (db: DataSource, now: Date): Promise<LateWork> => {
  const rows: Array<{ type: FulfilmentType; count: number }> = await db.query(
    `select type, count(*)::int as count from fulfilments
     where status = any($1::text[]) and view->>'dueBy' is not null and view->>'dueBy' < $2
     group by type order by type`,
    [OPEN_WORK_STATUSES, now.toISOString()],
  );
  return { late: rows.map((r) => ({ type: r.type, count: r.count })) };
};
