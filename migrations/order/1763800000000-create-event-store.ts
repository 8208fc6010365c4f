import { CreateEventStoreMigration } from '@oms/event-store';

export class CreateEventStore1763800000000 extends CreateEventStoreMigration {
  name = 'CreateEventStore1763800000000';
}
