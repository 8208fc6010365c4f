import { Command } from '@nestjs/cqrs';
import type { ActingCaller } from '@oms/contracts';
import type { RequestContext } from '@oms/messaging';
import type { FulfilmentView } from '../fulfilments/fulfilment.view';

export class RedrawPickupCodeCommand extends Command<FulfilmentView> {
  constructor(readonly request: { readonly fulfilmentId: string; readonly caller: ActingCaller }, readonly context: RequestContext) {
    super();
  }
}
