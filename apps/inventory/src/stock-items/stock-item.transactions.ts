import type { StockLevelChanged } from '@oms/contracts/inventory.contracts';
import { CommandPipeline, eventMetadataOf, type EventStore } from '@oms/event-store';
import type { StockItemCommand } from './stock-item.commands';
import { stockItemDecider, type StockItemState } from './stock-item.decider';
import type { StockItemEvent } from './stock-item.events';
import { StockItemSession } from './stock-item.session';
import { stockLevelRowsOf } from './stock-levels/stock-levels.projection';
import { stockLevelView } from './stock-level.view';

/** Bounds what each process remembers of stock items; the oldest entries go first. */
const MAX_KNOWN_ITEMS = 100_000;
/** The state is three numbers: a snapshot costs little, and bounds what a process that never saw the item replays. */
const SNAPSHOT_EVERY = 500;

/**
 * Runs work on stock items in one transaction, all or nothing: the command
 * pipeline over stock item streams, locked before they are read, with the
 * level each event leaves an item at published beside it, and the item's
 * stock_levels row written by the append.
 */
export class StockItemTransactions {
  private readonly pipeline: CommandPipeline<StockItemCommand, StockItemEvent, StockItemState>;

  constructor(store: EventStore, stockLevelSubject: string) {
    this.pipeline = new CommandPipeline(store, {
      decider: stockItemDecider,
      snapshotEvery: SNAPSHOT_EVERY,
      remember: MAX_KNOWN_ITEMS,
      rowsOf: stockLevelRowsOf,
      outboxOf: ({ streamId, version, event, state, command }) => {
        const changed: StockLevelChanged = { type: 'StockLevelChanged', data: { ...stockLevelView(command.data.locationId, command.data.sku, state), cause: event.type } };
        return {
          // One per version of the item: a relay that publishes twice is deduplicated by JetStream.
          messageId: `${streamId}@${version}/StockLevelChanged`,
          subject: stockLevelSubject,
          payload: { streamId, ...changed, metadata: eventMetadataOf(command.metadata) },
        };
      },
    });
  }

  run<T>(work: (session: StockItemSession) => Promise<T>): Promise<T> {
    return this.pipeline.transaction((streams) => work(new StockItemSession(streams)));
  }
}
