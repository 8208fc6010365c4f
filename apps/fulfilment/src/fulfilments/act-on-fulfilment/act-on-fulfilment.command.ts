import { Command } from '@nestjs/cqrs';
import type { ActingCaller, FulfilmentAction } from '@oms/contracts';
import type { RequestContext } from '@oms/messaging';
import type { FulfilmentView } from '../fulfilment.view';

export interface FulfilmentActionRequest {
  readonly fulfilmentId: string;
  readonly action: FulfilmentAction;
  readonly caller: ActingCaller;
  /** Read by the action's command. */
  readonly body: unknown;
}

export class ActOnFulfilmentCommand extends Command<FulfilmentView> {
  constructor(readonly request: FulfilmentActionRequest, readonly context: RequestContext) {
    super();
  }
}
