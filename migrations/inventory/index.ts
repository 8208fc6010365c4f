import { CreateEventStore1763800000000 } from './1763800000000-create-event-store';

/** Every migration of the inventory schema, oldest first. */
export const inventoryMigrations = [CreateEventStore1763800000000];
