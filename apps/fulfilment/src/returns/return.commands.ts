import type { Command, ReturnCondition } from '@oms/contracts';
import type { ReturnLine, ReturnMethod } from './return.events';

/** Idempotent by returnId. */
export type RequestReturn = Command<
  'RequestReturn',
  {
    readonly returnId: string;
    readonly orderId: string;
    readonly method: ReturnMethod;
    readonly locationId: string;
    readonly lines: readonly ReturnLine[];
    /** Fulfilled minus already returned or requested, per SKU: the shell reads it from the order read model. */
    readonly returnable: readonly ReturnLine[];
  }
>;

export type ReceiveReturn = Command<
  'ReceiveReturn',
  {
    readonly returnId: string;
    /** A SKU may come twice, once per condition. */
    readonly lines: readonly (ReturnLine & { readonly condition: ReturnCondition })[];
  }
>;

export type ReturnCommand = RequestReturn | ReceiveReturn;
