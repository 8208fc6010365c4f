import { handleCommand, type EventStore } from '@oms/event-store';
import { queueStockEffects } from '../stock-effects/stock-effect.queue';
import type { ReturnCommand } from './return.commands';
import { returnDecider, returnStreamId, type ReturnState } from './return.decider';
import { saveReturnRow } from './return-list/return-row.writer';

/** Load → decide → append for returns, with the read model row and the restocks of sellable goods in the same transaction. */
export class ReturnRepository {
  constructor(private readonly store: EventStore) {}

  async handle(command: ReturnCommand): Promise<ReturnState> {
    const result = await handleCommand(this.store, returnDecider, returnStreamId(command.data.returnId), command, {
      alsoInTransaction: async (tx, state, events) => {
        if (events.length === 0 || state.status === 'none') return;
        await saveReturnRow(tx, state);
        await queueStockEffects(tx, events);
      },
    });
    return result.state;
  }
}
