import { useState, type FormEvent } from 'react';
import { api, type OrderView } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';
import { ReturnForm } from './ReturnForm';

/** A customer brings goods back: find the order by its number, receive the lines with their condition. */
export const ReturnDesk = ({ locationId }: { locationId: string }) => {
  const [text, setText] = useState('');
  const [orders, setOrders] = useState<readonly OrderView[] | null>(null);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const page = await action.run(() => api.searchOrders(text.trim()));
    if (page) setOrders(page.items);
  };
  return (
    <section aria-labelledby="returns-title">
      <h2 id="returns-title">Returns</h2>
      <form onSubmit={submit} className="inline" role="search">
        <label>
          <span>Search orders</span>
          <input value={text} onChange={(e) => setText(e.target.value)} required maxLength={200} placeholder="Order number" />
        </label>
        <button type="submit" disabled={action.busy}>
          Search
        </button>
      </form>
      <Outcome error={action.error} />
      {orders && orders.length === 0 && <p className="empty">No order found.</p>}
      {orders?.map((order) => <ReturnForm key={order.orderId} order={order} locationId={locationId} />)}
    </section>
  );
};
