import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InventorySubjects, type SourcingCandidatesResult } from '@oms/contracts/inventory.contracts';
import type { FulfilmentOptionsView } from '@oms/contracts/order.contracts';
import { SAFE_TO_REPEAT, ServiceRuntime, type RequestContext } from '@oms/messaging';
import { ORDER_CONFIG, type OrderConfig } from '../order-config';
import { fulfilmentOptions, type OptionsAsked } from './fulfilment-options';

export class FulfilmentOptionsQuery extends Query<FulfilmentOptionsView> {
  constructor(readonly asked: OptionsAsked, readonly context: RequestContext) {
    super();
  }
}

/** The same candidates and routing the order's process will use, at the asked instant. */
@QueryHandler(FulfilmentOptionsQuery)
export class FulfilmentOptionsHandler implements IQueryHandler<FulfilmentOptionsQuery> {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {}

  async execute({ asked, context }: FulfilmentOptionsQuery): Promise<FulfilmentOptionsView> {
    const skus = asked.lines.map((line) => line.sku);
    const { candidates } = await this.runtime.request<SourcingCandidatesResult>(InventorySubjects.sourcingCandidates, { skus }, context, SAFE_TO_REPEAT);
    return { at: new Date(asked.atMs).toISOString(), options: fulfilmentOptions(asked, candidates, this.config) };
  }
}
