import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { stampMetadata } from '@oms/contracts';
import { ServiceRuntime } from '@oms/messaging';
import { PickupCodeVault } from '../../pickup-codes/pickup-code.vault';
import { collectOutcome, MAX_PICKUP_CODE_ATTEMPTS } from '../fulfilment.decider';
import { FulfilmentNotFound, PickupCodeLocked, WrongPickupCode } from '../fulfilment.errors';
import { FulfilmentRepository } from '../fulfilment.repository';
import { fulfilmentView, withLateness, type FulfilmentView } from '../fulfilment.view';
import { findFulfilment } from '../fulfilment-list/fulfilment-list.query';
import { ActOnFulfilmentCommand } from './act-on-fulfilment.command';
import { commandFor, ensureMayAct } from './fulfilment-action';
import { rejectNotFoundElsewhere } from './not-found-cascade';

/** A store or logistics action. Answers the fulfilment after it; a repeated action answers it unchanged. */
@CommandHandler(ActOnFulfilmentCommand)
export class ActOnFulfilmentHandler implements ICommandHandler<ActOnFulfilmentCommand> {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(FulfilmentRepository) private readonly fulfilments: FulfilmentRepository,
    @Inject(PickupCodeVault) private readonly vault: PickupCodeVault,
  ) {}

  async execute({ request, context }: ActOnFulfilmentCommand): Promise<FulfilmentView> {
    const { fulfilmentId, action, caller, body } = request;
    const { vault } = this;
    const current = await findFulfilment(this.runtime.dataSource, fulfilmentId);
    if (!current) throw new FulfilmentNotFound(fulfilmentId);
    ensureMayAct(caller, action, current);

    let pickupCode: string | undefined;
    const command = commandFor(action, body, {
      fulfilmentId,
      metadata: stampMetadata({ correlationId: context.correlationId, actor: caller.name }),
      hashOf: (code) => vault.hash(code),
      newCodeHash: () => vault.hash((pickupCode = vault.draw())),
    });
    const { state, events } = await this.fulfilments.handle(command, async (tx, _state, appended) => {
      // The code is kept only with the event that carries its hash: a retried "ready" keeps the first code.
      if (pickupCode && appended.some((e) => e.type === 'FulfilmentReadyForPickup')) await vault.keep(tx, fulfilmentId, pickupCode);
      await rejectNotFoundElsewhere(tx, this.fulfilments, appended, command.metadata);
    });
    if (action === 'collect') {
      const outcome = collectOutcome(events);
      if (outcome === 'locked') throw new PickupCodeLocked(fulfilmentId);
      if (outcome === 'wrong-code') {
        const failed = state.status === 'none' ? 0 : (state.pickup?.failedAttempts ?? 0);
        throw new WrongPickupCode(fulfilmentId, MAX_PICKUP_CODE_ATTEMPTS - failed);
      }
    }
    return withLateness(fulfilmentView(state)!, Date.now());
  }
}
