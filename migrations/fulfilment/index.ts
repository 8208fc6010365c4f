import { CreateEventStore1763800000000 } from './1763800000000-create-event-store';

/** Every migration of the fulfilment schema, oldest first. */
export const fulfilmentMigrations = [CreateEventStore1763800000000];
