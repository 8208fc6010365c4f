import { CommandPipeline, type EventStore } from '@oms/event-store';
import { stockEffectRowsOf } from '../stock-effects/stock-effect.queue';
import type { ReturnCommand } from './return.commands';
import { returnDecider, returnStreamId, type ReturnState } from './return.decider';
import type { ReturnEvent } from './return.events';
import { returnRowOf } from './return-list/return-row.writer';

/** The command pipeline for returns, with the read model row and the restocks of sellable goods written by the statement of the events. */
export class ReturnRepository {
  private readonly pipeline: CommandPipeline<ReturnCommand, ReturnEvent, ReturnState>;

  constructor(store: EventStore) {
    this.pipeline = new CommandPipeline(store, {
      decider: returnDecider,
      rowsOf: ({ state, events }) => (state.status === 'none' ? [] : [returnRowOf(state), ...stockEffectRowsOf(events)]),
    });
  }

  async handle(command: ReturnCommand): Promise<ReturnState> {
    return (await this.pipeline.handle(returnStreamId(command.data.returnId), [command])).state;
  }
}
