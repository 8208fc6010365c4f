import { fold, type Decider } from '@oms/event-store/decider';
import type { Message } from '@oms/contracts';

/**
 * Given-when-then for a pure decider:
 * `given([placed]).when(cancel).then([cancelled])` or `.thenThrows(OrderAlreadyShipped)`.
 */
export const deciderSpec =
  <C, E extends Message, S>(decider: Decider<C, E, S>) =>
  (history: readonly E[]) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, fold(decider, history));
      return {
        then: (expected: readonly E[]) => expect(run()).toEqual(expected),
        thenNothingHappens: () => expect(run()).toEqual([]),
        thenThrows: (error: new (...args: never[]) => Error, code?: string) => {
          expect(run).toThrow(error);
          if (code) expect(run).toThrow(expect.objectContaining({ code }) as unknown as Error);
        },
        thenState: (check: (state: S) => void) => check(fold(decider, [...history, ...run()])),
      };
    },
  });
