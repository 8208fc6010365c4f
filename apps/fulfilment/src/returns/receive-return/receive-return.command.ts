import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@oms/messaging';
import type { receiveReturnFrom } from '../../fulfilment.requests';
import type { ReturnView } from '../return.view';

export class ReceiveReturnCommand extends Command<ReturnView> {
  constructor(readonly request: ReturnType<typeof receiveReturnFrom>, readonly context: RequestContext) {
    super();
  }
}
