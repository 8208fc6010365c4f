import { CreateEventStore1763800000000 } from './1763800000000-create-event-store';

/** Every migration of the order schema, oldest first. */
export const orderMigrations = [CreateEventStore1763800000000];
