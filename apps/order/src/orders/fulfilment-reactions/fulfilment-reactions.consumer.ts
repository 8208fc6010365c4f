import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { FULFILMENT_STATUS_AFTER, stampMetadata, type MessageMetadata } from '@oms/contracts';
import { ServiceRuntime, type PublishedEvent } from '@oms/messaging';
import { FulfilmentProcessRunner } from '../../fulfilment-process/fulfilment-process.runner';
import { OrderBook } from '../order-book';
import type { OrderCommand } from '../order.commands';
import type { SkuQuantity } from '../order.events';


interface FulfilmentFacts {
  readonly fulfilmentId: string;
  readonly orderId: string;
  readonly allocationId: string;
  readonly at: string;
  readonly lines?: readonly (SkuQuantity & { picked?: number })[];
  readonly rerouteLines?: readonly SkuQuantity[];
  readonly shortLines?: readonly SkuQuantity[];
  readonly sellable?: readonly SkuQuantity[];
  readonly damaged?: readonly SkuQuantity[];
  readonly returnId?: string;
}

const quantities = (lines: readonly SkuQuantity[] = []): SkuQuantity[] => lines.filter((l) => l.quantity > 0).map(({ sku, quantity }) => ({ sku, quantity }));

/**
 * Keeps the order in step with its fulfilments: each fulfilment event becomes
 * order commands. A rejection or short pick gives the lines back (the process
 * manager releases their stock and routes them elsewhere); an expiry cancels them.
 */
export const commandsFor = (event: PublishedEvent, metadata: MessageMetadata): OrderCommand[] => {
  const facts = event.data as FulfilmentFacts;
  const { orderId, allocationId, fulfilmentId } = facts;
  if (event.type === 'ReturnReceived') {
    const lines = quantities([...(facts.sellable ?? []), ...(facts.damaged ?? [])]);
    return [{ type: 'RecordReturnReceived', data: { orderId, returnId: facts.returnId!, lines }, metadata }];
  }
  if (event.type === 'FulfilmentLinesRejected') {
    // The fulfilment goes on with the rest; each such rejection is its own release, told apart by the event's id.
    const lines = quantities(facts.rerouteLines);
    const data = { orderId, allocationId, lines, reason: 'lines-rejected' as const, excludeLocation: true, releaseId: event.metadata.eventId };
    return lines.length === 0 ? [] : [{ type: 'RecordAllocationReleased', data, metadata }];
  }
  const status = FULFILMENT_STATUS_AFTER[event.type];
  if (!status) return [];
  const progress: OrderCommand = { type: 'RecordFulfilmentProgress', data: { orderId, allocationId, fulfilmentId, fulfilmentStatus: status, at: facts.at }, metadata };
  const released = (lines: SkuQuantity[], reason: 'rejected' | 'short-pick' | 'expired', excludeLocation: boolean): OrderCommand[] =>
    lines.length === 0 ? [] : [{ type: 'RecordAllocationReleased', data: { orderId, allocationId, lines, reason, excludeLocation }, metadata }];
  switch (event.type) {
    case 'FulfilmentRejected':
      return [progress, ...released(quantities(facts.rerouteLines), 'rejected', true)];
    case 'FulfilmentPicked':
      return [progress, ...released(quantities(facts.shortLines), 'short-pick', true)];
    case 'FulfilmentExpired':
      return [progress, ...released(quantities(facts.lines), 'expired', false)];
    default:
      return [progress];
  }
};

@Injectable()
export class FulfilmentReactions implements OnApplicationBootstrap {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(OrderBook) private readonly orders: OrderBook,
    @Inject(FulfilmentProcessRunner) private readonly process: FulfilmentProcessRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.consume({
      name: 'order-fulfilment-reactions',
      of: 'fulfilment',
      concurrency: 32,
      keyOf: (event) => (event.data as { orderId?: string })?.orderId ?? '',
      handler: (event) => this.react(event),
    });
  }

  /** The order commands of one fulfilment event, recorded in one append. */
  private async react(event: PublishedEvent): Promise<void> {
    const metadata = stampMetadata({ correlationId: event.metadata.correlationId, causationId: event.metadata.eventId, actor: event.metadata.actor });
    const commands = commandsFor(event, metadata);
    if (commands.length === 0) return;
    const orderId = commands[0].data.orderId;
    await this.process.afterAdvance(orderId);
    // No inbox: each command is recognised by the order when it repeats (a status it has passed, a release reason or return id it has).
    const recorded = await this.orders.record(orderId, commands);
    // A rejection or short pick leaves lines to route elsewhere: at once, not after the event's round trip.
    if (recorded.events.length > 0) this.process.kick(orderId, recorded, { correlationId: metadata.correlationId, eventId: recorded.events[0].metadata.eventId });
  }
}
