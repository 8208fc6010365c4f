import { CommandPipeline, type EventStore, type RecordedEvent, type Tx } from '@oms/event-store';
import { deadlineRowsOf } from '../deadlines/deadline.schedule';
import { stockEffectRowsOf } from '../stock-effects/stock-effect.queue';
import type { FulfilmentCommand } from './fulfilment.commands';
import { fulfilmentDecider } from './fulfilment.decider';
import type { FulfilmentEvent } from './fulfilment.events';
import { fulfilmentStreamId, initialState, type FulfilmentState } from './fulfilment.state';
import { fulfilmentRowOf } from './fulfilment-list/fulfilment-row.writer';

export interface FulfilmentChange {
  readonly state: FulfilmentState;
  readonly events: readonly FulfilmentEvent[];
}

/** More work for the same transaction, e.g. keeping the pickup code of the ready event. */
export type AlsoInTransaction = (tx: Tx, state: FulfilmentState, events: readonly FulfilmentEvent[]) => Promise<void>;

/**
 * The command pipeline for fulfilments, with everything that must commit with
 * the events, written by the statement that appends them: the read model row,
 * the deadlines the events start and the stock effects they call for.
 */
export class FulfilmentRepository {
  private readonly pipeline: CommandPipeline<FulfilmentCommand, FulfilmentEvent, FulfilmentState>;

  constructor(store: EventStore) {
    this.pipeline = new CommandPipeline(store, {
      decider: fulfilmentDecider,
      rowsOf: ({ state, events }) => (state.status === 'none' ? [] : [fulfilmentRowOf(state), ...deadlineRowsOf(events), ...stockEffectRowsOf(events)]),
    });
  }

  async handle(command: FulfilmentCommand, also?: AlsoInTransaction): Promise<FulfilmentChange> {
    const change = await this.pipeline.handle(fulfilmentStreamId(command.data.fulfilmentId), [command], {
      // A new fulfilment's stream is empty, so it is not read; if it exists after all, the append conflicts and the stream is read then.
      ...(command.type === 'CreateFulfilment' ? { known: { state: initialState, version: 0 } } : {}),
      also: also && ((tx, { state, events }) => also(tx, state, eventsOf(events))),
    });
    return { state: change.state, events: eventsOf(change.events) };
  }

  /** Inside a transaction the caller owns (a deadline marked fired in the same one); a version conflict rolls it all back. */
  async handleIn(tx: Tx, command: FulfilmentCommand): Promise<FulfilmentChange> {
    const change = await this.pipeline.handle(fulfilmentStreamId(command.data.fulfilmentId), [command], { tx });
    return { state: change.state, events: eventsOf(change.events) };
  }
}

const eventsOf = (events: readonly RecordedEvent[]) => events as unknown as FulfilmentEvent[];
