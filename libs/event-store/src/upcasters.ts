/**
 * Each event type has a current schema version; stored events of an older
 * version are brought up to date on read, one step at a time.
 * `steps[n]` turns data of version n into version n + 1.
 */
export interface EventSchema {
  readonly version: number;
  readonly steps?: Readonly<Record<number, (data: any) => unknown>>;
}

export type EventSchemas = Readonly<Record<string, EventSchema>>;

export const schemaVersionOf = (schemas: EventSchemas, type: string): number => schemas[type]?.version ?? 1;

export const upcast = (schemas: EventSchemas, type: string, storedVersion: number, data: unknown): unknown => {
  const schema = schemas[type];
  if (!schema) return data;
  let current = data;
  for (let v = storedVersion; v < schema.version; v++) {
    const step = schema.steps?.[v];
    if (!step) throw new Error(`No upcaster for ${type} from schema version ${v}`);
    current = step(current);
  }
  return current;
};
