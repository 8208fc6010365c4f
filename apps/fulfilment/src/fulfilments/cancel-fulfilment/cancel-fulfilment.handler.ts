import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { stampMetadata } from '@oms/contracts';
import { FulfilmentRepository } from '../fulfilment.repository';
import { fulfilmentView, type FulfilmentView } from '../fulfilment.view';
import { CancelFulfilmentCommand } from './cancel-fulfilment.command';

/** From the order service when the order (or the allocation's lines) is cancelled. Idempotent: a finished fulfilment stays as it is. */
@CommandHandler(CancelFulfilmentCommand)
export class CancelFulfilmentHandler implements ICommandHandler<CancelFulfilmentCommand> {
  constructor(@Inject(FulfilmentRepository) private readonly fulfilments: FulfilmentRepository) {}

  async execute({ request, context }: CancelFulfilmentCommand): Promise<FulfilmentView> {
    const { state } = await this.fulfilments.handle({ type: 'CancelFulfilment', data: request, metadata: stampMetadata(context) });
    return fulfilmentView(state)!;
  }
}
