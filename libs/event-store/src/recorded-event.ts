import type { Message } from '@oms/contracts';

/** Stored alongside every event. */
export interface EventMetadata {
  readonly eventId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor: string;
  readonly recordedAt: string;
  /** W3C trace context of the command that wrote the event, when it was traced. */
  readonly traceparent?: string;
}

export interface RecordedEvent<E extends Message = Message> {
  readonly streamId: string;
  readonly version: number;
  readonly globalPosition: string;
  readonly type: E['type'];
  readonly data: E['data'];
  readonly metadata: EventMetadata;
}

/** Where a reader of all events stopped: (transaction id, global position). */
export interface Checkpoint {
  readonly transactionId: string;
  readonly globalPosition: string;
}

export const START: Checkpoint = { transactionId: '0', globalPosition: '0' };

/** A message to publish to JetStream once the transaction commits. */
export interface OutboxMessage {
  readonly messageId: string;
  readonly subject: string;
  readonly payload: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}
