import { Command } from '@nestjs/cqrs';
import type { CreateFulfilmentRequest } from '@oms/contracts';
import type { RequestContext } from '@oms/messaging';
import type { FulfilmentView } from '../fulfilment.view';

export class CreateFulfilmentCommand extends Command<FulfilmentView> {
  constructor(readonly request: CreateFulfilmentRequest, readonly context: RequestContext) {
    super();
  }
}
