/** Who and what caused a message; carried by every command and stored with every event. */
export interface MessageMetadata {
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor: string;
  /** ISO 8601; the only clock a decider may read. */
  readonly now: string;
}

export interface Message<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export type Command<Type extends string = string, Data = unknown> = Message<Type, Data> & {
  readonly metadata: MessageMetadata;
};

/** Who caused a message, before it is stamped with the time. */
export type MessageOrigin = Omit<MessageMetadata, 'now'>;

/**
 * The one place a command's clock is read: every command a service decides on
 * gets its metadata here, so `now` means the same thing in every decider.
 */
export const stampMetadata = (origin: MessageOrigin, at: Date = new Date()): MessageMetadata => ({
  correlationId: origin.correlationId,
  ...(origin.causationId ? { causationId: origin.causationId } : {}),
  actor: origin.actor,
  now: at.toISOString(),
});
