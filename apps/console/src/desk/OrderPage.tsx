import { useCallback, useEffect, useState } from 'react';
import { api, Problem, type FulfilmentView, type OrderHistoryItem, type OrderView } from '../api/client';
import { AsOfPicker } from './AsOfPicker';
import { CancelOrder } from './CancelOrder';
import { CustomerAndDelivery } from './CustomerAndDelivery';
import { OpenReturn } from './OpenReturn';
import { OrderFulfilments } from './OrderFulfilments';
import { OrderLines } from './OrderLines';
import { Timeline } from './Timeline';
import { when, words } from './format';

interface Shown {
  readonly order: OrderView;
  readonly history: readonly OrderHistoryItem[];
  readonly fulfilments: readonly FulfilmentView[] | null;
}

/** One order's whole story and what the desk can do about it; reloaded after every action. */
interface Props {
  readonly orderId: string;
  /** Known from the search, so the page is named for the order even before (or without) loading it. */
  readonly orderNumber: string;
  readonly seesFulfilments: boolean;
  readonly onBack: () => void;
}

export const OrderPage = ({ orderId, orderNumber, seesFulfilments, onBack }: Props) => {
  const [shown, setShown] = useState<Shown | null>(null);
  const [asOf, setAsOf] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [order, history, fulfilments] = await Promise.all([
        api.order(orderId, asOf ?? undefined),
        api.orderHistory(orderId),
        seesFulfilments && !asOf ? api.orderFulfilments(orderId).then((page) => page.items) : Promise.resolve(null),
      ]);
      // The past shows only what had happened by then.
      setShown({ order, history: asOf ? history.items.filter((item) => item.at <= asOf) : history.items, fulfilments });
      setProblem(null);
    } catch (failure) {
      setProblem(failure instanceof Problem ? failure.detail : String(failure));
      // Today's order under a badge saying "as of" would mislead.
      if (asOf) setShown(null);
    }
  }, [orderId, asOf, seesFulfilments]);

  useEffect(() => {
    void load();
  }, [load]);

  const order = shown?.order;
  return (
    <section aria-labelledby="order-title" className="order-page">
      <button type="button" className="link no-print" onClick={onBack}>
        Back to search
      </button>
      <header className="order-title">
        <h2 id="order-title">Order {orderNumber}</h2>
        {order && <span className="badge status">{words(order.status)}</span>}
        {asOf && <span className="badge">as of {when(asOf)}</span>}
      </header>
      <AsOfPicker asOf={asOf} onChange={setAsOf} />
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {!order || !shown ? (
        !problem && <p>Loading…</p>
      ) : (
        <div className="order-grid">
          <div>
            <CustomerAndDelivery order={order} />
            <OrderLines order={order} />
            {!asOf && (
              <div className="actions no-print">
                <CancelOrder order={order} onDone={load} />
                <OpenReturn order={order} />
                <button type="button" className="link" onClick={() => void load()}>
                  Refresh
                </button>
              </div>
            )}
            <OrderFulfilments order={order} fulfilments={shown.fulfilments} readOnly={asOf !== null} onChanged={load} />
          </div>
          <Timeline items={shown.history} />
        </div>
      )}
    </section>
  );
};
