import { CreateEventStoreMigration } from '@oms/event-store';

/** The inbox (and the outbox the runtime relays) live in the event store tables; the service appends no events of its own. */
export class CreateEventStore1766000000000 extends CreateEventStoreMigration {
  name = 'CreateEventStore1766000000000';
}
