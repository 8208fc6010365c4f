import { assertNever, type FieldError, type ReturnCondition } from '@oms/contracts';
import type { Decider } from '@oms/event-store/decider';
import type { ReceiveReturn, RequestReturn, ReturnCommand } from './return.commands';
import { MoreThanFulfilled, MoreThanRequested, ReturnNotFound } from './return.errors';
import type { ReturnEvent, ReturnLine, ReturnMethod } from './return.events';

export interface Return {
  readonly status: 'requested' | 'received';
  readonly returnId: string;
  readonly orderId: string;
  readonly method: ReturnMethod;
  readonly locationId: string;
  readonly lines: readonly ReturnLine[];
  readonly sellable: readonly ReturnLine[];
  readonly damaged: readonly ReturnLine[];
  readonly requestedAt: string;
  readonly receivedAt: string | null;
}

export type ReturnState = { readonly status: 'none' } | Return;

export const initialState: ReturnState = { status: 'none' };

export const returnStreamId = (returnId: string): string => `return-${returnId}`;

const quantityOf = (lines: readonly ReturnLine[], sku: string): number => lines.filter((l) => l.sku === sku).reduce((sum, l) => sum + l.quantity, 0);

/** One line per SKU, in the order they first came. */
const bySku = (lines: readonly ReturnLine[]): ReturnLine[] =>
  [...new Set(lines.map((l) => l.sku))].map((sku) => ({ sku, quantity: quantityOf(lines, sku) }));

/** Each line is checked with the ones before it, so a SKU given twice cannot exceed its limit in two halves. */
const beyond = (lines: readonly ReturnLine[], limit: readonly ReturnLine[], what: string): FieldError[] =>
  lines.flatMap((line, i) => {
    const max = quantityOf(limit, line.sku);
    return quantityOf(lines.slice(0, i + 1), line.sku) > max ? [{ path: `lines[${i}].quantity`, message: `exceeds the ${max} ${what} for ${line.sku}` }] : [];
  });

const request = ({ data, metadata }: RequestReturn): ReturnEvent[] => {
  const errors = beyond(data.lines, data.returnable, 'fulfilled and not yet returned');
  if (errors.length > 0) throw new MoreThanFulfilled(data.orderId, errors);
  const { returnId, orderId, method, locationId } = data;
  return [{ type: 'ReturnRequested', data: { returnId, orderId, method, locationId, lines: bySku(data.lines), at: metadata.now } }];
};

const receive = (state: Return, { data, metadata }: ReceiveReturn): ReturnEvent[] => {
  const errors = beyond(data.lines, state.lines, 'requested');
  if (errors.length > 0) throw new MoreThanRequested(state.returnId, errors);
  const inCondition = (condition: ReturnCondition) => bySku(data.lines.filter((l) => l.condition === condition && l.quantity > 0));
  const { returnId, orderId, locationId } = state;
  return [{ type: 'ReturnReceived', data: { returnId, orderId, locationId, sellable: inCondition('sellable'), damaged: inCondition('damaged'), at: metadata.now } }];
};

export const decide = (command: ReturnCommand, state: ReturnState): ReturnEvent[] => {
  switch (command.type) {
    case 'RequestReturn':
      return state.status === 'none' ? request(command) : [];
    case 'ReceiveReturn':
      if (state.status === 'none') throw new ReturnNotFound(command.data.returnId);
      // Goods are received once; a retry must not restock them twice.
      return state.status === 'received' ? [] : receive(state, command);
    default:
      return assertNever(command);
  }
};

export const evolve = (state: ReturnState, event: ReturnEvent): ReturnState => {
  switch (event.type) {
    case 'ReturnRequested': {
      if (state.status !== 'none') return state;
      const { returnId, orderId, method, locationId, lines, at } = event.data;
      return { status: 'requested', returnId, orderId, method, locationId, lines, sellable: [], damaged: [], requestedAt: at, receivedAt: null };
    }
    case 'ReturnReceived':
      if (state.status === 'none') return state;
      return { ...state, status: 'received', sellable: event.data.sellable, damaged: event.data.damaged, receivedAt: event.data.at };
    default:
      return assertNever(event);
  }
};

export const returnDecider: Decider<ReturnCommand, ReturnEvent, ReturnState> = { decide, evolve, initialState };
