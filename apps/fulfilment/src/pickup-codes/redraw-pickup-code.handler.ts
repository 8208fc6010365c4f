import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { stampMetadata } from '@oms/contracts';
import { NotAllowedOnFulfilment } from '../fulfilments/fulfilment.errors';
import { FulfilmentRepository } from '../fulfilments/fulfilment.repository';
import { fulfilmentView, type FulfilmentView } from '../fulfilments/fulfilment.view';
import { PickupCodeVault } from './pickup-code.vault';
import { RedrawPickupCodeCommand } from './redraw-pickup-code.command';

/** Checkout gives the customer the new code; customer service may do it for them. */
const MAY_REDRAW = new Set(['admin', 'checkout']);

/**
 * A new code for a ready pickup. The old code stops working and a locked
 * pickup is unlocked; the answer holds no code (the order shows it).
 */
@CommandHandler(RedrawPickupCodeCommand)
export class RedrawPickupCodeHandler implements ICommandHandler<RedrawPickupCodeCommand> {
  constructor(
    @Inject(FulfilmentRepository) private readonly fulfilments: FulfilmentRepository,
    @Inject(PickupCodeVault) private readonly vault: PickupCodeVault,
  ) {}

  async execute({ request, context }: RedrawPickupCodeCommand): Promise<FulfilmentView> {
    const { fulfilmentId, caller } = request;
    if (!MAY_REDRAW.has(caller.role)) throw new NotAllowedOnFulfilment(fulfilmentId, `the ${caller.role} role may not draw pickup codes`);
    const code = this.vault.draw();
    const { state } = await this.fulfilments.handle(
      { type: 'RedrawPickupCode', data: { fulfilmentId, pickupCodeHash: this.vault.hash(code) }, metadata: stampMetadata({ correlationId: context.correlationId, actor: caller.name }) },
      async (tx, _state, appended) => {
        if (appended.some((e) => e.type === 'PickupCodeRedrawn')) await this.vault.keep(tx, fulfilmentId, code, true);
      },
    );
    return fulfilmentView(state)!;
  }
}
