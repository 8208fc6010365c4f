import type { EventStoreOptions } from '@oms/event-store';
import { Namespace } from '@oms/messaging';
import { inventoryProjections } from './read-models/inventory.projections';

let namespace: Namespace | undefined;
/** Read on first use, not at import: a bad OMS_NAMESPACE is then reported by the runtime's start-up checks. */
const inventoryNamespace = () => (namespace ??= new Namespace(process.env.OMS_NAMESPACE ?? 'oms'));

/**
 * Every inventory event is public on `inventory.events.<Type>` (the order
 * service waits for reservations, integrators follow stock); StockLevelChanged
 * is added per changed stock item by the stock item session.
 */
export const inventoryStoreOptions: EventStoreOptions = {
  projections: inventoryProjections,
  publishedAs: (event) => inventoryNamespace().eventSubject('inventory', event.type),
};
