import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@oms/messaging';
import type { requestReturnFrom } from '../../fulfilment.requests';
import type { ReturnView } from '../return.view';

export class RequestReturnCommand extends Command<ReturnView> {
  constructor(readonly request: ReturnType<typeof requestReturnFrom>, readonly context: RequestContext) {
    super();
  }
}
