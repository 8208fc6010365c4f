import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@oms/messaging';
import type { FulfilmentView } from '../fulfilment.view';

export class CancelFulfilmentCommand extends Command<FulfilmentView> {
  constructor(readonly request: { readonly fulfilmentId: string; readonly reason: string }, readonly context: RequestContext) {
    super();
  }
}
