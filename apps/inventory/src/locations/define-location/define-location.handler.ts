import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LocationView } from '@oms/contracts/inventory.contracts';
import { handleCommand } from '@oms/event-store';
import { ServiceRuntime } from '@oms/messaging';
import { locationDecider, locationStreamId } from '../location.decider';
import { DefineLocationCommand } from './define-location.command';

@CommandHandler(DefineLocationCommand)
export class DefineLocationHandler implements ICommandHandler<DefineLocationCommand> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ message }: DefineLocationCommand): Promise<LocationView> {
    const { state } = await handleCommand(this.runtime.store, locationDecider, locationStreamId(message.data.locationId), message);
    if (state.status !== 'defined') throw new Error(`location ${message.data.locationId} is not defined after its definition`);
    return state.location;
  }
}
