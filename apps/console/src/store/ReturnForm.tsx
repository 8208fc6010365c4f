import { useState, type FormEvent } from 'react';
import { api, type OrderView } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';
import { QuantityField } from '../QuantityField';

/** The order's returnable lines: how many came back and in what condition. */
export const ReturnForm = ({ order, locationId }: { order: OrderView; locationId: string }) => {
  const returnable = order.lines.map((l) => ({ sku: l.sku, open: l.fulfilled - l.returned })).filter((l) => l.open > 0);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [conditions, setConditions] = useState<Record<string, 'sellable' | 'damaged'>>({});
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lines = returnable.filter((l) => (quantities[l.sku] ?? 0) > 0).map((l) => ({ sku: l.sku, quantity: quantities[l.sku], condition: conditions[l.sku] ?? 'sellable' }));
    await action.run(
      async () => {
        const requested = await api.requestReturn(order.orderId, { method: 'in-store', locationId, lines: lines.map(({ sku, quantity }) => ({ sku, quantity })) });
        return api.receiveReturn(requested.returnId, { lines });
      },
      (received) => `Return ${received.returnId} received`,
    );
  };
  return (
    <article className="job" aria-label={`Order ${order.orderNumber}`}>
      <header>
        <h3>Order {order.orderNumber}</h3>
        <span className="badge status">{order.status.replaceAll('_', ' ')}</span>
      </header>
      <p className="customer">{order.customer.name ?? order.customer.email ?? order.customer.id}</p>
      {returnable.length === 0 ? (
        <p className="empty">Nothing of this order can be returned.</p>
      ) : (
        <form onSubmit={submit}>
          {returnable.map((line) => (
            <fieldset key={line.sku}>
              <legend>
                {line.sku} (up to {line.open})
              </legend>
              <QuantityField
                label={`Returned ${line.sku}`}
                max={line.open}
                value={quantities[line.sku] ?? 0}
                onChange={(quantity) => setQuantities({ ...quantities, [line.sku]: quantity })}
              />
              <label className="row">
                <span>Condition of {line.sku}</span>
                <select value={conditions[line.sku] ?? 'sellable'} onChange={(e) => setConditions({ ...conditions, [line.sku]: e.target.value as 'sellable' | 'damaged' })}>
                  <option value="sellable">Sellable</option>
                  <option value="damaged">Damaged</option>
                </select>
              </label>
            </fieldset>
          ))}
          <button type="submit" disabled={action.busy || !returnable.some((l) => (quantities[l.sku] ?? 0) > 0)}>
            Receive
          </button>
        </form>
      )}
      <Outcome error={action.error} done={action.done} />
    </article>
  );
};
