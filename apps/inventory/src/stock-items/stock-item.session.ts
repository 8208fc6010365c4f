import type { MessageMetadata } from '@oms/contracts';
import type { StockLevelChanged, StockLevelView } from '@oms/contracts/inventory.contracts';
import { fold, loadState, NO_STREAM, type EventStore, type OutboxMessage, type RecordedEvent, type Tx } from '@oms/event-store';
import { randomUUID } from 'node:crypto';
import type { StockItemCommand } from './stock-item.commands';
import { stockItemDecider, stockItemStreamId, type StockItemState } from './stock-item.decider';
import type { StockItemEvent } from './stock-item.events';
import { stockLevelView } from './stock-level.view';

export interface StockItemKey {
  readonly locationId: string;
  readonly sku: string;
}

/** A stock item as of a committed version. */
export interface KnownStockItem {
  readonly version: number;
  readonly snapshotVersion: number;
  readonly state: StockItemState;
}

const SNAPSHOT_EVERY = 100;

/**
 * The stock items one transaction works on. Items are locked (the stream rows,
 * `for update`, in id order) before they are read: writers of a hot item queue
 * in Postgres instead of colliding and retrying, and two transactions over
 * several items take the locks in the same order, so they cannot deadlock.
 */
export class StockItemSession {
  readonly touched = new Map<string, KnownStockItem>();

  constructor(
    readonly tx: Tx,
    private readonly store: EventStore,
    private readonly known: ReadonlyMap<string, KnownStockItem>,
    private readonly stockLevelSubject: string,
  ) {}

  async lock(keys: readonly StockItemKey[]): Promise<void> {
    const ids = [...new Set(keys.map((k) => stockItemStreamId(k.locationId, k.sku)))].filter((id) => !this.touched.has(id));
    if (ids.length === 0) return;
    const rows: Array<{ stream_id: string; version: number }> = await this.tx.query(
      `select stream_id, version from streams where stream_id = any($1::text[]) order by stream_id for update`,
      [ids],
    );
    const versions = new Map(rows.map((r) => [r.stream_id, r.version]));
    for (const id of ids) this.touched.set(id, await this.loadAt(id, versions.get(id) ?? 0));
  }

  async state(key: StockItemKey): Promise<StockItemState> {
    await this.lock([key]);
    return this.touched.get(stockItemStreamId(key.locationId, key.sku))!.state;
  }

  /** Decides the command on the locked item and appends what it decided, with the new level published as StockLevelChanged. */
  async decide(command: StockItemCommand): Promise<{ level: StockLevelView; events: readonly RecordedEvent[] }> {
    const { locationId, sku } = command.data;
    const streamId = stockItemStreamId(locationId, sku);
    await this.lock([{ locationId, sku }]);
    const item = this.touched.get(streamId)!;
    const decided = stockItemDecider.decide(command, item.state);
    const state = decided.reduce(stockItemDecider.evolve, item.state);
    const level = stockLevelView(locationId, sku, state);
    if (decided.length === 0) return { level, events: [] };
    const version = item.version + decided.length;
    const events = await this.store.appendToStream(
      streamId,
      decided,
      {
        expectedVersion: item.version === 0 ? NO_STREAM : item.version,
        metadata: { correlationId: command.metadata.correlationId, causationId: command.metadata.causationId, actor: command.metadata.actor },
        outbox: [this.levelChanged(streamId, version, level, decided[decided.length - 1].type, command.metadata)],
      },
      this.tx,
    );
    const due = version - item.snapshotVersion >= SNAPSHOT_EVERY;
    if (due) await this.store.writeSnapshot(this.tx, streamId, version, state);
    this.touched.set(streamId, { version, snapshotVersion: due ? version : item.snapshotVersion, state });
    return { level, events };
  }

  /** From what this process last saw when it is still current; otherwise only the events after it, or snapshot and events. */
  private async loadAt(streamId: string, version: number): Promise<KnownStockItem> {
    const known = this.known.get(streamId);
    if (known && known.version === version) return known;
    if (known && known.version < version) {
      const newer = await this.store.readStream<StockItemEvent>(streamId, known.version, this.tx);
      return { ...known, version, state: fold({ evolve: stockItemDecider.evolve, initialState: known.state }, newer as unknown as StockItemEvent[]) };
    }
    const loaded = await loadState(this.store, stockItemDecider, streamId, this.tx);
    return { version: loaded.version, snapshotVersion: loaded.snapshotVersion, state: loaded.state };
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
