import { useState, type FormEvent } from 'react';
import { ORDER_STATUSES, SALES_CHANNELS } from '@oms/contracts';
import { api, type OrderStatus, type OrderView, type SalesChannel } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';
import { words } from './format';
import { SearchResult } from './SearchResult';

/** Finds orders by number, order id, customer id or e-mail, narrowed by status and channel; nothing typed lists the newest. */
export const OrderSearch = ({ onOpen }: { onOpen: (order: { orderId: string; orderNumber: string }) => void }) => {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [channel, setChannel] = useState<SalesChannel | ''>('');
  const [orders, setOrders] = useState<readonly OrderView[] | null>(null);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const page = await action.run(() => api.searchOrders(text.trim(), { ...(status ? { status } : {}), ...(channel ? { channel } : {}) }));
    if (page) setOrders(page.items);
  };
  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">Find an order</h2>
      <form onSubmit={submit} className="inline" role="search">
        <label>
          <span>Search orders</span>
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={200} placeholder="Order number, e-mail or customer id" />
        </label>
        <label className="narrow">
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as OrderStatus | '')}>
            <option value="">Any</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="narrow">
          <span>Channel</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value as SalesChannel | '')}>
            <option value="">Any</option>
            {SALES_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={action.busy}>
          Search
        </button>
      </form>
      <Outcome error={action.error} />
      {orders && orders.length === 0 && <p className="empty">No order found.</p>}
      {orders && orders.length > 0 && (
        <ul className="results" aria-label="Orders found">
          {orders.map((order) => (
            <SearchResult key={order.orderId} order={order} onOpen={() => onOpen({ orderId: order.orderId, orderNumber: order.orderNumber })} />
          ))}
        </ul>
      )}
    </section>
  );
};
