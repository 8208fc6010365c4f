import { CreateEventStore1763800000000 } from './1763800000000-create-event-store';
import { CreateReadModels1763900000000 } from './1763900000000-create-read-models';
import { CreateAppliedOperations1764000000000 } from './1764000000000-create-applied-operations';
import { AddLocationPromiseFields1768000000000 } from './1768000000000-add-location-promise-fields';
import { AddLocationDayReservations1771000000000 } from './1771000000000-add-location-day-reservations';

/** Every migration of the inventory schema, oldest first. */
export const inventoryMigrations = [CreateEventStore1763800000000, CreateReadModels1763900000000, CreateAppliedOperations1764000000000, AddLocationPromiseFields1768000000000, AddLocationDayReservations1771000000000];
