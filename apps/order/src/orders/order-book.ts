import { CommandPipeline, type AlongsideRow, type EventStore, type RecordedEvent } from '@oms/event-store';
import { orderSummaryRow } from './order-summaries/order-summaries.projection';
import type { OrderCommand } from './order.commands';
import { orderDecider } from './order.decider';
import type { OrderEvent } from './order.events';
import type { OrderState } from './order.state';
import { orderStreamId } from './order.stream';

/** An order as of one version of its stream. */
export interface KnownOrder {
  readonly state: OrderState;
  readonly version: number;
}

export interface RecordedOrder extends KnownOrder {
  readonly events: readonly RecordedEvent[];
}

export interface RecordOptions {
  /** What the caller knows of the order; a stale guess costs one retry, never a wrong append. */
  readonly known?: KnownOrder;
  /** More rows written with the events (e.g. claiming an idempotency key); an error in one records nothing. */
  readonly alongside?: readonly AlongsideRow[];
}

/**
 * Commands whose "nothing to do" stays true however far the order has moved
 * on (a fulfilment status it has reached, a fulfilment or reservation it
 * already records): a remembered order that says so need not be read again.
 */
const SETTLED_WHEN_REPEATED: ReadonlySet<OrderCommand['type']> = new Set(['RecordFulfilmentProgress', 'RecordFulfilmentRequested', 'RecordAllocation']);

/** The orders this process touched last, kept in memory; older ones are read again. */
const REMEMBERED = 10_000;

/**
 * Loads and records orders: the command pipeline with the order's summary row
 * as its state. The row holds the order folded up to its version and is
 * written by the very statement that appends its events, so loading an order
 * is one read of one row rather than of its whole stream, and recording a
 * command is one statement: no transaction, one round trip. The orders this
 * process recorded last are remembered by version: a command on a remembered
 * order appends with that version as the expected one, and a stale memory
 * (another instance moved the order on) fails the append and is read again.
 */
export class OrderBook {
  private readonly pipeline: CommandPipeline<OrderCommand, OrderEvent, OrderState>;

  constructor(store: EventStore) {
    this.pipeline = new CommandPipeline(store, {
      decider: orderDecider,
      stateRow: orderSummaryRow,
      remember: REMEMBERED,
      settledWhenRepeated: (command) => SETTLED_WHEN_REPEATED.has(command.type),
    });
  }

  load(orderId: string): Promise<KnownOrder> {
    return this.pipeline.load(orderStreamId(orderId));
  }

  /**
   * Decides the commands in turn on the order and appends what they decided,
   * with the order's summary, in one statement. A version conflict runs it
   * again on the stored order; domain errors propagate.
   */
  async record(orderId: string, commands: readonly OrderCommand[], options: RecordOptions = {}): Promise<RecordedOrder> {
    const { state, version, events } = await this.pipeline.handle(orderStreamId(orderId), commands, options);
    return { state, version, events };
  }
}
