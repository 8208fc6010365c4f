import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { stampMetadata } from '@oms/contracts';
import { ServiceRuntime } from '@oms/messaging';
import { NotAllowedOnReturn, ReturnNotFound } from '../return.errors';
import { ReturnRepository } from '../return.repository';
import { returnView, type ReturnView } from '../return.view';
import { findReturn } from '../return-list/return-list.query';
import { ReceiveReturnCommand } from './receive-return.command';

/**
 * A store key receives only returns brought to its own location. Sellable
 * goods are restocked there (queued with the event), damaged ones written off.
 */
@CommandHandler(ReceiveReturnCommand)
export class ReceiveReturnHandler implements ICommandHandler<ReceiveReturnCommand> {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(ReturnRepository) private readonly returns: ReturnRepository,
  ) {}

  async execute({ request, context }: ReceiveReturnCommand): Promise<ReturnView> {
    const { caller, ...data } = request;
    const current = await findReturn(this.runtime.dataSource, data.returnId);
    if (!current) throw new ReturnNotFound(data.returnId);
    if (caller?.role === 'store' && caller.locationId !== current.locationId)
      throw new NotAllowedOnReturn(data.returnId, `it is received at ${current.locationId}, not ${caller.locationId}`);
    const state = await this.returns.handle({ type: 'ReceiveReturn', data, metadata: stampMetadata({ ...context, actor: caller?.name ?? context.actor }) });
    return returnView(state)!;
  }
}
