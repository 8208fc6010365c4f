import { CreateEventStore1763800000000 } from './1763800000000-create-event-store';
import { CreateReadModels1764000000000 } from './1764000000000-create-read-models';
import { DropRoutingIntents1764100000000 } from './1764100000000-drop-routing-intents';
import { CreateSimulations1764200000000 } from './1764200000000-create-simulations';
import { AddOrderNumbers1767000000000 } from './1767000000000-add-order-numbers';
import { AddOrderLocationIds1769000000000 } from './1769000000000-add-order-location-ids';
import { AddOrderStepsDue1770000000000 } from './1770000000000-add-order-steps-due';

/** Every migration of the order schema, oldest first. */
export const orderMigrations = [CreateEventStore1763800000000, CreateReadModels1764000000000, DropRoutingIntents1764100000000, CreateSimulations1764200000000, AddOrderNumbers1767000000000, AddOrderLocationIds1769000000000, AddOrderStepsDue1770000000000];
