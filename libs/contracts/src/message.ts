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
