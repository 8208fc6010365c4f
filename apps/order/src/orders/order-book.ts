import { DomainError } from '@oms/contracts';
import { backoffMs, ConcurrencyError, connectionPoolOf, NO_STREAM, type AlongsideStatement, type EventStore, type RecordedEvent } from '@oms/event-store';
import type { Pool } from 'pg';
import { orderSummaryStatement } from './order-summaries/order-summaries.projection';
import type { OrderCommand } from './order.commands';
import { decide, evolve } from './order.decider';
import type { OrderEvent } from './order.events';
import { initialState, type OrderState } from './order.state';
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
  /** More writes atomic with the events (e.g. claiming an idempotency key); an error in one records nothing. */
  readonly alongside?: readonly AlongsideStatement[];
}

/**
 * Commands whose "nothing to do" stays true however far the order has moved
 * on (a fulfilment status it has reached, a fulfilment or reservation it
 * already records): a remembered order that says so need not be read again.
 */
const SETTLED_WHEN_REPEATED: ReadonlySet<OrderCommand['type']> = new Set(['RecordFulfilmentProgress', 'RecordFulfilmentRequested', 'RecordAllocation']);

/** The orders this process touched last, kept in memory; older ones are read again. */
const REMEMBERED = 10_000;
const MAX_ATTEMPTS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Loads and records orders. An order's summary row holds its state folded up
 * to its version and is written by the very statement that appends its
 * events, so loading an order is one read of one row rather than of its whole
 * stream, and recording a command is one statement: no transaction, one
 * round trip. The orders this process recorded last are remembered by
 * version: a command on a remembered order appends with that version as the
 * expected one, and a stale memory (another instance moved the order on)
 * fails the append and is read again.
 */
export class OrderBook {
  private readonly remembered = new Map<string, KnownOrder>();
  private readonly pool: Pool;

  constructor(private readonly store: EventStore) {
    this.pool = connectionPoolOf(store.dataSource);
  }

  /** The last version of the order this process recorded or read: possibly behind the stored one, never ahead. */
  recalled(orderId: string): KnownOrder | undefined {
    return this.remembered.get(orderId);
  }

  async load(orderId: string): Promise<KnownOrder> {
    const { rows } = await this.pool.query<{ version: number; state: OrderState }>({
      name: 'oms-order-load',
      text: `select version, state from order_summaries where order_id = $1`,
      values: [orderId],
    });
    const loaded = rows[0] ? { version: rows[0].version, state: rows[0].state } : { version: 0, state: initialState };
    this.remember(orderId, loaded);
    return loaded;
  }

  /**
   * Decides the commands in turn on the order and appends what they decided,
   * with the order's summary, in one statement. A version conflict runs it
   * again on the stored order; domain errors propagate.
   */
  async record(orderId: string, commands: readonly OrderCommand[], options: RecordOptions = {}): Promise<RecordedOrder> {
    let guess = options.known ?? this.remembered.get(orderId);
    for (let attempt = 0; ; attempt++) {
      try {
        const recorded = await this.recordOnce(orderId, commands, guess, options.alongside ?? []);
        this.remember(orderId, recorded);
        return recorded;
      } catch (error) {
        this.remembered.delete(orderId);
        if (!(error instanceof ConcurrencyError) || attempt + 1 >= MAX_ATTEMPTS) throw error;
        guess = undefined;
        await sleep(backoffMs(attempt));
      }
    }
  }

  private async recordOnce(orderId: string, commands: readonly OrderCommand[], guess: KnownOrder | undefined, alongside: readonly AlongsideStatement[]): Promise<RecordedOrder> {
    let order = guess ?? (await this.load(orderId));
    let decided = decideAll(commands, order.state);
    // Nothing to do, or a refusal, may be the verdict of a stale memory: judge again on the stored order.
    const settled = !(decided instanceof DomainError) && decided.events.length === 0 && commands.every((c) => SETTLED_WHEN_REPEATED.has(c.type));
    if (guess && !settled && (decided instanceof DomainError || decided.events.length === 0)) {
      order = await this.load(orderId);
      decided = decideAll(commands, order.state);
    }
    if (decided instanceof DomainError) throw decided;
    if (decided.events.length === 0) return { ...order, events: [] };
    const version = order.version + decided.events.length;
    const events = await this.store.appendToStream(orderStreamId(orderId), decided.events, {
      expectedVersion: order.version === 0 ? NO_STREAM : order.version,
      metadata: commands[0].metadata,
      alongside: [orderSummaryStatement(decided.state, version), ...alongside],
    });
    return { state: decided.state, version, events };
  }

  private remember(orderId: string, order: KnownOrder): void {
    const before = this.remembered.get(orderId);
    if (before && before.version > order.version) return;
    this.remembered.delete(orderId);
    this.remembered.set(orderId, order);
    if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
  }
}

/** Each command decided on the state the previous ones left; a domain error is returned to be judged. */
const decideAll = (commands: readonly OrderCommand[], state: OrderState): { events: OrderEvent[]; state: OrderState } | DomainError => {
  const events: OrderEvent[] = [];
  try {
    for (const command of commands) {
      const decided = decide(command, state);
      state = decided.reduce(evolve, state);
      events.push(...decided);
    }
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return { events, state };
};
