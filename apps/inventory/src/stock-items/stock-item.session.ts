import type { MessageMetadata } from '@oms/contracts';
import type { StockLevelChanged, StockLevelView } from '@oms/contracts/inventory.contracts';
import { fold, NO_STREAM, type AppendMetadata, type EventStore, type OutboxMessage, type Tx } from '@oms/event-store';
import { randomUUID } from 'node:crypto';
import type { StockItemCommand } from './stock-item.commands';
import { stockItemDecider, stockItemStreamId, type StockItemState } from './stock-item.decider';
import type { StockItemEvent } from './stock-item.events';
import { operationIdOf } from './stock-item.operations';
import { stockLevelView } from './stock-level.view';

export interface StockItemKey {
  readonly locationId: string;
  readonly sku: string;
}

/** A stock item as of a version (committed, or decided in this transaction and appended at its end). */
export interface KnownStockItem {
  readonly version: number;
  readonly snapshotVersion: number;
  readonly state: StockItemState;
}

/** What a transaction decided for one stream, appended in one statement when the work is done. */
interface Pending {
  readonly fromVersion: number;
  readonly events: StockItemEvent[];
  readonly metadata: AppendMetadata[];
  readonly outbox: OutboxMessage[];
}

/** The state is three numbers: a snapshot costs little, and bounds what a process that never saw the item replays. */
const SNAPSHOT_EVERY = 500;

/**
 * The stock items one transaction works on. Items are locked (the stream rows,
 * `for update`, in id order) before they are read: writers of a hot item queue
 * in Postgres instead of colliding and retrying, and two transactions over
 * several items take the locks in the same order, so they cannot deadlock.
 * Decisions are kept until `flush`, which appends each stream's events in one
 * statement (read models and outbox included), however many commands made them.
 */
export class StockItemSession {
  readonly touched = new Map<string, KnownStockItem>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    readonly tx: Tx,
    private readonly store: EventStore,
    private readonly known: ReadonlyMap<string, KnownStockItem>,
    private readonly stockLevelSubject: string,
  ) {}

  async lock(keys: readonly StockItemKey[]): Promise<void> {
    const ids = [...new Set(keys.map((k) => stockItemStreamId(k.locationId, k.sku)))].filter((id) => !this.touched.has(id));
    if (ids.length === 0) return;
    // The snapshot comes along in the same statement. It may be older than the lock (the statement's view
    // predates its wait), never wrong: the events after it are read once the lock is held.
    const rows: Array<{ stream_id: string; version: number; snapshot_version: number | null; state: StockItemState | null }> = await this.tx.query(
      `select s.stream_id, s.version, p.version as snapshot_version, p.state
       from streams s left join snapshots p using (stream_id)
       where s.stream_id = any($1::text[]) order by s.stream_id for update of s`,
      [ids],
    );
    const locked = new Map(rows.map((r) => [r.stream_id, r]));
    for (const id of ids) {
      const row = locked.get(id);
      const snapshot = row?.snapshot_version ? { version: row.snapshot_version, snapshotVersion: row.snapshot_version, state: row.state! } : undefined;
      this.touched.set(id, await this.loadAt(id, row?.version ?? 0, snapshot));
    }
  }

  /** The locked item as decided so far in this transaction. */
  stateOf(key: StockItemKey): StockItemState {
    const item = this.touched.get(stockItemStreamId(key.locationId, key.sku));
    if (!item) throw new Error(`stock item ${key.locationId}/${key.sku} read before it was locked`);
    return item.state;
  }

  /**
   * Decides the commands, all or none: a refusal of one leaves every item as it
   * was. A command whose operation id this item already applied has no effect
   * and answers the current level. That record is written here, before the
   * decision, in the transaction of the events: a refusal must therefore end
   * the transaction (it does, unless caught), so that the record goes with it.
   */
  async decide(commands: readonly StockItemCommand[]): Promise<StockLevelView[]> {
    await this.lock(commands.map((c) => c.data));
    const firstTime = await this.recordOperations(commands);
    const overlay = new Map<string, { state: StockItemState; decided: Array<{ event: StockItemEvent; metadata: MessageMetadata; level: StockLevelView }> }>();
    const levels = commands.map((command, i) => {
      const { locationId, sku } = command.data;
      const streamId = stockItemStreamId(locationId, sku);
      const item = overlay.get(streamId) ?? { state: this.touched.get(streamId)!.state, decided: [] };
      overlay.set(streamId, item);
      for (const event of firstTime[i] ? stockItemDecider.decide(command, item.state) : []) {
        item.state = stockItemDecider.evolve(item.state, event);
        item.decided.push({ event, metadata: command.metadata, level: stockLevelView(locationId, sku, item.state) });
      }
      return stockLevelView(locationId, sku, item.state);
    });
    for (const [streamId, { state, decided }] of overlay) if (decided.length > 0) this.keep(streamId, state, decided);
    return levels;
  }

  /** Appends what was decided, one statement per stream; called once the work is done, before the commit. */
  async flush(): Promise<void> {
    for (const [streamId, pending] of this.pending) {
      await this.store.appendToStream(
        streamId,
        pending.events,
        { expectedVersion: pending.fromVersion === 0 ? NO_STREAM : pending.fromVersion, metadata: pending.metadata, outbox: pending.outbox },
        this.tx,
      );
      const item = this.touched.get(streamId)!;
      if (item.version - item.snapshotVersion >= SNAPSHOT_EVERY) {
        await this.store.writeSnapshot(this.tx, streamId, item.version, item.state);
        this.touched.set(streamId, { ...item, snapshotVersion: item.version });
      }
    }
    this.pending.clear();
  }

  private keep(streamId: string, state: StockItemState, decided: ReadonlyArray<{ event: StockItemEvent; metadata: MessageMetadata; level: StockLevelView }>): void {
    const item = this.touched.get(streamId)!;
    const pending = this.pending.get(streamId) ?? { fromVersion: item.version, events: [], metadata: [], outbox: [] };
    this.pending.set(streamId, pending);
    decided.forEach(({ event, metadata, level }, i) => {
      pending.events.push(event);
      pending.metadata.push({ correlationId: metadata.correlationId, causationId: metadata.causationId, actor: metadata.actor });
      pending.outbox.push(this.levelChanged(streamId, item.version + i + 1, level, event.type, metadata));
    });
    this.touched.set(streamId, { ...item, version: item.version + decided.length, state });
  }

  /** Which commands take effect: those with no operation id, and those whose id this item sees for the first time. */
  private async recordOperations(commands: readonly StockItemCommand[]): Promise<boolean[]> {
    const operations = commands.map((c) => ({ streamId: stockItemStreamId(c.data.locationId, c.data.sku), operationId: operationIdOf(c) }));
    const named = operations.filter((o): o is { streamId: string; operationId: string } => o.operationId !== undefined);
    if (named.length === 0) return commands.map(() => true);
    const inserted: Array<{ stream_id: string; operation_id: string }> = await this.tx.query(
      `insert into applied_operations (stream_id, operation_id)
       select * from unnest($1::text[], $2::text[]) on conflict do nothing returning stream_id, operation_id`,
      [named.map((o) => o.streamId), named.map((o) => o.operationId)],
    );
    const fresh = new Set(inserted.map((r) => `${r.stream_id}\u0000${r.operation_id}`));
    return operations.map((o) => o.operationId === undefined || fresh.has(`${o.streamId}\u0000${o.operationId}`));
  }

  /** From what this process last saw, or the snapshot, whichever is newer; then the events after it, if any. */
  private async loadAt(streamId: string, version: number, snapshot: KnownStockItem | undefined): Promise<KnownStockItem> {
    const cached = this.known.get(streamId);
    const known = [cached, snapshot].filter((k): k is KnownStockItem => k !== undefined && k.version <= version).sort((a, b) => b.version - a.version)[0];
    const from = known ?? { version: 0, snapshotVersion: 0, state: stockItemDecider.initialState };
    if (from.version === version) return from;
    const newer = await this.store.readStream<StockItemEvent>(streamId, from.version, this.tx);
    return { version, snapshotVersion: Math.max(from.snapshotVersion, snapshot?.version ?? 0), state: fold({ evolve: stockItemDecider.evolve, initialState: from.state }, newer as unknown as StockItemEvent[]) };
  }

  private levelChanged(streamId: string, version: number, level: StockLevelView, cause: string, metadata: MessageMetadata): OutboxMessage {
    const event: StockLevelChanged = { type: 'StockLevelChanged', data: { ...level, cause } };
    return {
      // One per version of the item: a relay that publishes twice is deduplicated by JetStream.
      messageId: `${streamId}@${version}/StockLevelChanged`,
      subject: this.stockLevelSubject,
      payload: {
        streamId,
        ...event,
        metadata: { eventId: randomUUID(), correlationId: metadata.correlationId, causationId: metadata.causationId, actor: metadata.actor, recordedAt: new Date().toISOString() },
      },
    };
  }
}
