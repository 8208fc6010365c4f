import type { ReturnMethod } from '@oms/contracts/fulfilment.contracts';

export type { ReturnMethod };

export interface ReturnLine {
  readonly sku: string;
  readonly quantity: number;
}

export type ReturnRequested = {
  readonly type: 'ReturnRequested';
  readonly data: {
    readonly returnId: string;
    readonly orderId: string;
    readonly method: ReturnMethod;
    /** The store the goods are brought to, or the one receiving the mail. */
    readonly locationId: string;
    /** One line per SKU. */
    readonly lines: readonly ReturnLine[];
    readonly at: string;
  };
};

/** Sellable goods go back into the stock of `locationId`; damaged ones are written off. */
export type ReturnReceived = {
  readonly type: 'ReturnReceived';
  readonly data: {
    readonly returnId: string;
    readonly orderId: string;
    readonly locationId: string;
    readonly sellable: readonly ReturnLine[];
    readonly damaged: readonly ReturnLine[];
    readonly at: string;
  };
};

export type ReturnEvent = ReturnRequested | ReturnReceived;
