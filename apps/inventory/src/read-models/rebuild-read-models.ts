import { START, type EventStore } from '@oms/event-store';
import { inventoryProjections, inventoryReadModelTables } from './inventory.projections';

/**
 * Empties the read models and replays every event through the same
 * projections, in commit order, in one transaction: readers see the old rows
 * until the new ones are complete. Run it while nothing writes (a deliberate
 * maintenance step): a writer caught between its append and its projection
 * would hold back, in readAll, the events committed after it.
 */
export const rebuildReadModels = async (store: EventStore): Promise<number> => {
  return store.dataSource.transaction(async (tx) => {
    await tx.query(`lock table ${inventoryReadModelTables.join(', ')} in exclusive mode`);
    await tx.query(`truncate ${inventoryReadModelTables.join(', ')}`);
    let checkpoint = START;
    let replayed = 0;
    for (;;) {
      const page = await store.readAll(checkpoint, 1000);
      if (page.events.length === 0) return replayed;
      for (const project of inventoryProjections) await project(tx, page.events);
      replayed += page.events.length;
      checkpoint = page.checkpoint;
    }
  });
};
