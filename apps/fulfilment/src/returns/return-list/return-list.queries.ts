import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ActingCaller } from '@oms/contracts';
import { ServiceRuntime } from '@oms/messaging';
import { NotAllowedOnReturn, ReturnNotFound } from '../return.errors';
import type { ReturnView } from '../return.view';
import { findReturn } from './return-list.query';

export class GetReturnQuery extends Query<ReturnView> {
  constructor(readonly returnId: string, readonly caller?: ActingCaller) {
    super();
  }
}

/** A store caller sees only the returns brought to its location. */
@QueryHandler(GetReturnQuery)
export class GetReturnHandler implements IQueryHandler<GetReturnQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ returnId, caller }: GetReturnQuery): Promise<ReturnView> {
    const view = await findReturn(this.runtime.dataSource, returnId);
    if (!view) throw new ReturnNotFound(returnId);
    if (caller?.role === 'store' && caller.locationId !== view.locationId) throw new NotAllowedOnReturn(returnId, `it is received at ${view.locationId}`);
    return view;
  }
}
