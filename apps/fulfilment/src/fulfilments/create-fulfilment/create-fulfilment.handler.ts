import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, InventorySubjects, stampMetadata, type LocationView } from '@oms/contracts';
import { SAFE_TO_REPEAT, ServiceRuntime, type RequestContext } from '@oms/messaging';
import { FULFILMENT_CONFIG, type FulfilmentConfig } from '../../fulfilment-config';
import { FulfilmentRepository } from '../fulfilment.repository';
import { fulfilmentView, withLateness, type FulfilmentView } from '../fulfilment.view';
import { CreateFulfilmentCommand } from './create-fulfilment.command';

/** API.md's default, for a location inventory no longer knows. */
const DEFAULT_PICKUP_HOLD_HOURS = 72;

/**
 * From the order service, once an allocation is reserved. Idempotent by
 * fulfilmentId: a repeated request finds the stream there (its append
 * conflicts), decides nothing on it and answers the fulfilment as it stands.
 */
@CommandHandler(CreateFulfilmentCommand)
export class CreateFulfilmentHandler implements ICommandHandler<CreateFulfilmentCommand> {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(FulfilmentRepository) private readonly fulfilments: FulfilmentRepository,
    @Inject(FULFILMENT_CONFIG) private readonly config: FulfilmentConfig,
  ) {}

  async execute({ request, context }: CreateFulfilmentCommand): Promise<FulfilmentView> {
    const metadata = stampMetadata(context);
    // Only goods handed over in a store wait out a hold; shipping ones never ask inventory.
    const handedOver = request.type === 'pickup' || request.type === 'ship-to-store';
    const pickupHoldHours = handedOver ? await this.holdHoursAt(request.pickupLocationId ?? request.locationId, context) : DEFAULT_PICKUP_HOLD_HOURS;
    const acceptBy = new Date(Date.parse(metadata.now) + this.config.acceptWithinHours * 3_600_000).toISOString();
    const { state } = await this.fulfilments.handle({
      type: 'CreateFulfilment',
      data: { ...request, lines: request.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), pickupHoldHours, acceptBy },
      metadata,
    });
    // The state just committed, or found, is the row's view: no read.
    return withLateness(fulfilmentView(state)!, Date.now());
  }

  /** The hold time of the store that hands the goods over; inventory down is a 503 the order service retries. */
  private async holdHoursAt(locationId: string, context: RequestContext): Promise<number> {
    try {
      const location = await this.runtime.request<LocationView>(InventorySubjects.getLocation, { locationId }, context, SAFE_TO_REPEAT);
      return location.pickupHoldHours ?? DEFAULT_PICKUP_HOLD_HOURS;
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not-found') return DEFAULT_PICKUP_HOLD_HOURS;
      throw error;
    }
  }
}
