import type { EventMetadata } from '@oms/event-store';

/** The JSON body of every event published through the outbox. */
export interface PublishedEvent<Type extends string = string, Data = unknown> {
  readonly streamId: string;
  readonly version: number;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}
