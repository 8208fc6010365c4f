import { handleCommand, loadState, NO_STREAM, type EventStore, type RecordedEvent, type Tx } from '@oms/event-store';
import { scheduleDeadlines } from '../deadlines/deadline.schedule';
import { queueStockEffects } from '../stock-effects/stock-effect.queue';
import type { FulfilmentCommand } from './fulfilment.commands';
import { fulfilmentDecider } from './fulfilment.decider';
import type { FulfilmentEvent } from './fulfilment.events';
import { fulfilmentStreamId, type FulfilmentState } from './fulfilment.state';
import { saveFulfilmentRow } from './fulfilment-list/fulfilment-row.writer';

export interface FulfilmentChange {
  readonly state: FulfilmentState;
  readonly events: readonly FulfilmentEvent[];
}

/** More work for the same transaction, e.g. keeping the pickup code of the ready event. */
export type AlsoInTransaction = (tx: Tx, state: FulfilmentState, events: readonly FulfilmentEvent[]) => Promise<void>;

/**
 * Load → decide → append for fulfilments, with everything that must commit
 * with the events: the read model row, the deadlines the events start and
 * the stock effects they call for.
 */
export class FulfilmentRepository {
  constructor(private readonly store: EventStore) {}

  async handle(command: FulfilmentCommand, also?: AlsoInTransaction): Promise<FulfilmentChange> {
    const result = await handleCommand(this.store, fulfilmentDecider, fulfilmentStreamId(command.data.fulfilmentId), command, {
      alsoInTransaction: (tx, state, events) => this.record(tx, state, events, also),
    });
    return { state: result.state, events: result.events as unknown as FulfilmentEvent[] };
  }

  /** Inside a transaction the caller owns (a deadline marked fired in the same one); a version conflict rolls it all back. */
  async handleIn(tx: Tx, command: FulfilmentCommand): Promise<FulfilmentChange> {
    const streamId = fulfilmentStreamId(command.data.fulfilmentId);
    const { state, version } = await loadState(this.store, fulfilmentDecider, streamId, tx);
    const decided = fulfilmentDecider.decide(command, state);
    const newState = decided.reduce(fulfilmentDecider.evolve, state);
    const events = await this.store.appendToStream(streamId, decided, { expectedVersion: version === 0 ? NO_STREAM : version, metadata: command.metadata }, tx);
    await this.record(tx, newState, events);
    return { state: newState, events: decided };
  }

  private async record(tx: Tx, state: FulfilmentState, events: readonly RecordedEvent[], also?: AlsoInTransaction): Promise<void> {
    if (events.length === 0 || state.status === 'none') return;
    await saveFulfilmentRow(tx, state);
    await scheduleDeadlines(tx, events);
    await queueStockEffects(tx, events);
    await also?.(tx, state, events as unknown as FulfilmentEvent[]);
  }
}
