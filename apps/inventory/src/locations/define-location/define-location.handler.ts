import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LocationView } from '@oms/contracts/inventory.contracts';
import { CommandPipeline } from '@oms/event-store';
import { ServiceRuntime } from '@oms/messaging';
import { LocationCache } from '../../availability/location-cache';
import type { LocationCommand } from '../location.commands';
import { locationDecider, locationStreamId, type LocationState } from '../location.decider';
import type { LocationEvent } from '../location.events';
import { DefineLocationCommand } from './define-location.command';

@CommandHandler(DefineLocationCommand)
export class DefineLocationHandler implements ICommandHandler<DefineLocationCommand> {
  private readonly locations: CommandPipeline<LocationCommand, LocationEvent, LocationState>;

  constructor(
    @Inject(ServiceRuntime) runtime: ServiceRuntime,
    @Inject(LocationCache) private readonly cache: LocationCache,
  ) {
    this.locations = new CommandPipeline(runtime.store, { decider: locationDecider });
  }

  async execute({ message }: DefineLocationCommand): Promise<LocationView> {
    const { state } = await this.locations.handle(locationStreamId(message.data.locationId), [message]);
    this.cache.forget(message.data.locationId);
    if (state.status !== 'defined') throw new Error(`location ${message.data.locationId} is not defined after its definition`);
    return state.location;
  }
}
