import { Command } from '@nestjs/cqrs';
import type { LocationView } from '@oms/contracts/inventory.contracts';
import type { DefineLocation } from '../location.commands';

export class DefineLocationCommand extends Command<LocationView> {
  constructor(readonly message: DefineLocation) {
    super();
  }
}
