import { CommandPipeline, type EventStore } from '@oms/event-store';
import { queueStockEffects } from '../stock-effects/stock-effect.queue';
import type { ReturnCommand } from './return.commands';
import { returnDecider, returnStreamId, type ReturnState } from './return.decider';
import type { ReturnEvent } from './return.events';
import { saveReturnRow } from './return-list/return-row.writer';

/** The command pipeline for returns, with the read model row and the restocks of sellable goods in the same transaction. */
export class ReturnRepository {
  private readonly pipeline: CommandPipeline<ReturnCommand, ReturnEvent, ReturnState>;

  constructor(store: EventStore) {
    this.pipeline = new CommandPipeline(store, {
      decider: returnDecider,
      inTransaction: async (tx, { state, events }) => {
        if (state.status === 'none') return;
        await saveReturnRow(tx, state);
        await queueStockEffects(store, tx, events);
      },
    });
  }

  async handle(command: ReturnCommand): Promise<ReturnState> {
    return (await this.pipeline.handle(returnStreamId(command.data.returnId), [command])).state;
  }
}
