import type { Message } from '@oms/contracts';

/**
 * A pure aggregate: `decide` turns a command and the current state into new
 * events (or throws a DomainError); `evolve` folds one event into the state.
 */
export interface Decider<C, E extends Message, S> {
  readonly decide: (command: C, state: S) => E[];
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: S;
}

export const fold = <E extends Message, S>(decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState);
