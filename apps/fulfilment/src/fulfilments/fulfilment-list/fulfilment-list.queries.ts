import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ActingCaller, LateWork, Page } from '@oms/contracts';
import { ServiceRuntime } from '@oms/messaging';
import { ensureMaySee } from '../act-on-fulfilment/fulfilment-action';
import { FulfilmentNotFound, NotAllowedOnFulfilment } from '../fulfilment.errors';
import { stateAsOf } from '@oms/event-store';
import type { FulfilmentEvent } from '../fulfilment.events';
import { evolve, fulfilmentStreamId, initialState } from '../fulfilment.state';
import { fulfilmentView, withLateness, type FulfilmentView } from '../fulfilment.view';
import { countLateWork, findFulfilment, listFulfilments, type FulfilmentFilter } from './fulfilment-list.query';

/** The fulfilment now, or as it stood at `asOf` (ISO 8601). */
export class GetFulfilmentQuery extends Query<FulfilmentView> {
  constructor(readonly fulfilmentId: string, readonly caller?: ActingCaller, readonly asOf?: string) {
    super();
  }
}

/** Open work past its due time, by type, for the gateway's /metrics. */
export class LateWorkQuery extends Query<LateWork> {}

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
    const view = fulfilmentView(state);
    // Late as it was then: the work not done by that instant.
    return view ? withLateness(view, Date.parse(at)) : undefined;
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

@QueryHandler(LateWorkQuery)
export class LateWorkHandler implements IQueryHandler<LateWorkQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  execute(): Promise<LateWork> {
    return countLateWork(this.runtime.dataSource, new Date());
  }
}
