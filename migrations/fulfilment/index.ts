import { CreateEventStore1763800000000 } from './1763800000000-create-event-store';
import { CreateFulfilmentTables1764000000000 } from './1764000000000-create-fulfilment-tables';
import { WidenStockEffectKinds1767000000001 } from './1767000000001-widen-stock-effect-kinds';

/** Every migration of the fulfilment schema, oldest first. */
export const fulfilmentMigrations = [CreateEventStore1763800000000, CreateFulfilmentTables1764000000000, WidenStockEffectKinds1767000000001];
