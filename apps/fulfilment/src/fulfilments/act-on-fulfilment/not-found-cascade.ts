import { DomainError, type MessageMetadata } from '@oms/contracts';
import type { Tx } from '@oms/event-store';
import type { FulfilmentEvent } from '../fulfilment.events';
import type { FulfilmentRepository } from '../fulfilment.repository';
import type { FulfilmentView } from '../fulfilment.view';

/**
 * A SKU a store could not find is not there for its other work either: the
 * store's other unpicked fulfilments holding it give those lines back too, in
 * the transaction of the rejection, so no order keeps waiting on the empty shelf.
 */
export const rejectNotFoundElsewhere = async (tx: Tx, fulfilments: FulfilmentRepository, appended: readonly FulfilmentEvent[], metadata: MessageMetadata): Promise<void> => {
  for (const event of appended) {
    if (event.type !== 'FulfilmentRejected' && event.type !== 'FulfilmentLinesRejected') continue;
    const { code, cascadedFrom, locationId, fulfilmentId, rerouteLines } = event.data;
    if (code !== 'not-found' || cascadedFrom) continue;
    const skus = new Set(rerouteLines.map((l) => l.sku));
    const rows: Array<{ view: FulfilmentView }> = await tx.query(
      // Not picked yet (the index fulfilments_open_by_location): the store has not looked for their goods, which count on the shelf it found empty.
      `select view from fulfilments where location_id = $1 and status in ('created', 'accepted') and fulfilment_id <> $2 order by fulfilment_id for update`,
      [locationId, fulfilmentId],
    );
    for (const { view } of rows) {
      const lines = view.lines.filter((l) => skus.has(l.sku) && l.quantity > 0).map((l) => ({ sku: l.sku, quantity: l.quantity }));
      if (lines.length === 0) continue;
      const reason = `${lines.map((l) => l.sku).join(', ')} not found at ${locationId} (fulfilment ${fulfilmentId})`;
      try {
        await fulfilments.handleIn(tx, {
          type: 'RejectFulfilment',
          data: { fulfilmentId: view.fulfilmentId, reason, code: 'not-found', lines, cascadedFrom: fulfilmentId },
          metadata,
        });
      } catch (error) {
        // Refused by its decider (decided before any write): that job keeps its lines, and a pick there re-routes them.
        if (!(error instanceof DomainError)) throw error;
      }
    }
  }
};
