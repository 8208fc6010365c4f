import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import type { StreamSession, Tx } from '@oms/event-store';
import type { StockItemCommand } from './stock-item.commands';
import { stockItemStreamId, type StockItemState } from './stock-item.decider';
import type { StockItemEvent } from './stock-item.events';
import { operationIdOf } from './stock-item.operations';
import { stockLevelView } from './stock-level.view';

export interface StockItemKey {
  readonly locationId: string;
  readonly sku: string;
}

const streamOf = (key: StockItemKey) => stockItemStreamId(key.locationId, key.sku);

/**
 * The stock items one transaction works on, by location and SKU. Items are
 * locked before they are read: writers of a hot item queue in Postgres
 * instead of colliding and retrying. Decisions are appended when the work is
 * done, one statement per item however many commands made them.
 */
export class StockItemSession {
  constructor(private readonly streams: StreamSession<StockItemCommand, StockItemEvent, StockItemState>) {}

  get tx(): Tx {
    return this.streams.tx!;
  }

  lock(keys: readonly StockItemKey[]): Promise<void> {
    return this.streams.lock(keys.map(streamOf));
  }

  /** The locked item as decided so far in this transaction. */
  stateOf(key: StockItemKey): StockItemState {
    return this.streams.stateOf(streamOf(key));
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
    const before = new Map(commands.map((c) => [streamOf(c.data), this.stateOf(c.data)]));
    const applied = commands.filter((_, i) => firstTime[i]);
    const states = this.streams.decide(applied.map((command) => ({ streamId: streamOf(command.data), command })));
    let next = 0;
    // A repeat answers the level its item is at after the commands before it.
    return commands.map((command, i) => {
      const streamId = streamOf(command.data);
      if (firstTime[i]) before.set(streamId, states[next++]);
      return stockLevelView(command.data.locationId, command.data.sku, before.get(streamId)!);
    });
  }

  /** Which commands take effect: those with no operation id, and those whose id this item sees for the first time. */
  private async recordOperations(commands: readonly StockItemCommand[]): Promise<boolean[]> {
    const operations = commands.map((c) => ({ streamId: streamOf(c.data), operationId: operationIdOf(c) }));
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
}
