import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ActingCaller, Page } from '@oms/contracts';
import { ServiceRuntime } from '@oms/messaging';
import { ensureMaySee } from '../act-on-fulfilment/fulfilment-action';
import { FulfilmentNotFound, NotAllowedOnFulfilment } from '../fulfilment.errors';
import { stateAsOf } from '@oms/event-store';
import type { FulfilmentEvent } from '../fulfilment.events';
import { evolve, fulfilmentStreamId, initialState } from '../fulfilment.state';
import { fulfilmentView, type FulfilmentView } from '../fulfilment.view';
import { findFulfilment, listFulfilments, type FulfilmentFilter } from './fulfilment-list.query';

/** The fulfilment now, or as it stood at `asOf` (ISO 8601). */
export class GetFulfilmentQuery extends Query<FulfilmentView> {
  constructor(readonly fulfilmentId: string, readonly caller?: ActingCaller, readonly asOf?: string) {
    super();
  }
}

export class ListFulfilmentsQuery extends Query<Page<FulfilmentView>> {
  constructor(readonly filter: FulfilmentFilter, readonly caller?: ActingCaller) {
    super();
  }
}

/** A store caller sees only fulfilments of its location. */
@QueryHandler(GetFulfilmentQuery)
export class GetFulfilmentHandler implements IQueryHandler<GetFulfilmentQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ fulfilmentId, caller, asOf }: GetFulfilmentQuery): Promise<FulfilmentView> {
    const view = asOf === undefined ? await findFulfilment(this.runtime.dataSource, fulfilmentId) : await this.asOf(fulfilmentId, asOf);
    if (!view) throw new FulfilmentNotFound(fulfilmentId);
    ensureMaySee(caller, view);
    return view;
  }

  private async asOf(fulfilmentId: string, at: string): Promise<FulfilmentView | undefined> {
    const { state } = await stateAsOf(this.runtime.store, fulfilmentStreamId(fulfilmentId), at, initialState, (s, e) => evolve(s, e as unknown as FulfilmentEvent));
    return fulfilmentView(state) ?? undefined;
  }
}

/** A store caller is kept to its location. */
@QueryHandler(ListFulfilmentsQuery)
export class ListFulfilmentsHandler implements IQueryHandler<ListFulfilmentsQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  execute({ filter, caller }: ListFulfilmentsQuery): Promise<Page<FulfilmentView>> {
    const db = this.runtime.dataSource;
    if (caller?.role !== 'store') return listFulfilments(db, filter);
    if (filter.locationId !== undefined && filter.locationId !== caller.locationId) throw new NotAllowedOnFulfilment('*', `a store key sees only location ${caller.locationId}`);
    return listFulfilments(db, { ...filter, locationId: caller.locationId });
  }
}
