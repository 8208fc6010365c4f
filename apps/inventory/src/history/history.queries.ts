import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { LocationHistory, LocationView, StockHistory } from '@oms/contracts';
import { ServiceRuntime } from '@oms/messaging';
import { startOfUtcDay } from '../availability/reservations-today';
import { stockItemStreamId } from '../stock-items/stock-item.decider';
import { stockHistoryOf, type StockEventRow } from './stock-history';

export class LocationHistoryQuery extends Query<LocationHistory> {
  constructor(readonly from: string, readonly to: string) {
    super();
  }
}

export class StockHistoryQuery extends Query<StockHistory> {
  constructor(readonly skus: readonly string[], readonly from: string, readonly to: string) {
    super();
  }
}

/** Every definition of every location up to `to`, oldest first, and the capacity already used on `from`'s day. */
@QueryHandler(LocationHistoryQuery)
export class LocationHistoryHandler implements IQueryHandler<LocationHistoryQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ from, to }: LocationHistoryQuery): Promise<LocationHistory> {
    const db = this.runtime.dataSource;
    const [definitions, taken]: [Array<{ location: LocationView; at: string }>, Array<{ location_id: string; taken: number }>] = await Promise.all([
      db.query(
        `select data->'location' as location, metadata->>'recordedAt' as at from events
         where type = 'LocationDefined' and metadata->>'recordedAt' <= $1 order by global_position`,
        [to],
      ),
      db.query(
        `select location_id, count(distinct reservation_id)::int as taken from reservation_lines
         where reserved_at >= $1 and reserved_at < $2 group by location_id`,
        [startOfUtcDay(new Date(from)), from],
      ),
    ]);
    return { definitions, reservationsToday: Object.fromEntries(taken.map((r) => [r.location_id, r.taken])) };
  }
}

/** The asked SKUs at every location ever defined: their streams read once, up to `to`. */
@QueryHandler(StockHistoryQuery)
export class StockHistoryHandler implements IQueryHandler<StockHistoryQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ skus, from, to }: StockHistoryQuery): Promise<StockHistory> {
    const db = this.runtime.dataSource;
    const locations: Array<{ location_id: string }> = await db.query(`select location_id from locations`);
    const streams = locations.flatMap((l) => skus.map((sku) => stockItemStreamId(l.location_id, sku)));
    const rows: StockEventRow[] = await db.query(
      `select stream_id as "streamId", type, data, metadata->>'recordedAt' as at from events
       where stream_id = any($1::text[]) and metadata->>'recordedAt' <= $2 order by stream_id, version`,
      [streams, to],
    );
    return stockHistoryOf(rows, from);
  }
}
