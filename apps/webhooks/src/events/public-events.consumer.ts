import { JsonLogger, type ServiceRuntime } from '@oms/messaging';
import type { DeliveryQueue } from '../deliveries/delivery.queue';
import { StreamPositions } from './stream-positions';
import { orderKeyOf, toWebhookEvent, type SourceEvent } from './webhook-event';

/**
 * The public events, as the live feed shows them: every order and
 * fulfilment event, and stock level changes. One durable consumer per
 * source stream; each event is kept and its deliveries queued in the
 * transaction that records it in the inbox, so none is lost or queued twice.
 */
export const consumePublicEvents = async (runtime: ServiceRuntime, queue: DeliveryQueue, queued: () => void): Promise<void> => {
  const logger = new JsonLogger('webhooks', 'public-events');
  const positions = new StreamPositions(runtime.dataSource, (streamId, from, to) =>
    logger.warn(`${streamId}: versions ${from} to ${to} never came; later events are delivered without them`),
  );
  // `contiguous`: every event of the source's streams is public, so a stream's versions have no gaps to wait across.
  const sources = [
    { service: 'order', type: undefined, contiguous: true },
    { service: 'fulfilment', type: undefined, contiguous: true },
    { service: 'inventory', type: 'StockLevelChanged', contiguous: false },
  ];
  for (const { service, type, contiguous } of sources) {
    await runtime.consume({
      name: `webhooks-${service}-events`,
      of: service,
      type,
      concurrency: 16,
      // One order's (or stock item's) events queued in stream order: deliveries keep that order.
      keyOf: orderKeyOf,
      inbox: true,
      handler: async (event, tx) => {
        const now = new Date();
        if (contiguous && (await positions.follow(tx, event.streamId, event.version, now)) === 'seen') return;
        const count = await queue.enqueue(tx, toWebhookEvent(event as unknown as SourceEvent), now);
        // The transaction commits when the handler returns; the dispatcher looks a moment later.
        if (count > 0) setTimeout(queued, 5);
      },
    });
  }
};
