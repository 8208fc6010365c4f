import { useState, type FormEvent } from 'react';
import { api, type OrderView } from '../api/client';
import { Outcome } from '../outcome';
import { Dialog } from '../store/Dialog';
import { useAction } from '../use-action';
import { QuantityField } from '../QuantityField';

/** Cancels everything still open, or a quantity of some lines; the reserved stock goes back. */
export const CancelOrder = ({ order, onDone }: { order: OrderView; onDone: () => void }) => {
  const open = order.lines.map((l) => ({ sku: l.sku, open: l.quantity - l.fulfilled - l.cancelled })).filter((l) => l.open > 0);
  const [shown, setShown] = useState(false);
  const [reason, setReason] = useState('');
  const [some, setSome] = useState(false);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const action = useAction();
  const chosen = open.filter((l) => (quantities[l.sku] ?? 0) > 0).map((l) => ({ sku: l.sku, quantity: quantities[l.sku] }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { reason: reason.trim(), ...(some ? { lines: chosen } : {}) };
    const cancelled = await action.run(
      () => api.cancelOrder(order.orderId, body),
      () => (some ? `Cancelled ${chosen.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}` : 'Order cancelled'),
    );
    if (cancelled) {
      setShown(false);
      setQuantities({});
      onDone();
    }
  };
  // Once everything is cancelled the button goes, but what the last cancellation did stays said.
  if (open.length === 0) return <Outcome error={action.error} done={action.done} />;
  return (
    <div className="desk-action">
      <button type="button" className="secondary" aria-expanded={shown} onClick={() => (setShown(!shown), action.clear())}>
        Cancel order
      </button>
      {shown && (
        <Dialog title={`Cancel order ${order.orderNumber}`} onSubmit={submit} onClose={() => setShown(false)}>
          <label>
            <span>Reason</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />
          </label>
          <fieldset>
            <legend>What to cancel</legend>
            <label className="row">
              <span>Everything still open</span>
              <input type="radio" name="cancel-what" checked={!some} onChange={() => setSome(false)} />
            </label>
            <label className="row">
              <span>Some lines</span>
              <input type="radio" name="cancel-what" checked={some} onChange={() => setSome(true)} />
            </label>
          </fieldset>
          {some &&
            open.map((line) => (
              <QuantityField
                key={line.sku}
                label={`Cancel ${line.sku} (of ${line.open})`}
                max={line.open}
                value={quantities[line.sku] ?? 0}
                onChange={(quantity) => setQuantities({ ...quantities, [line.sku]: quantity })}
              />
            ))}
          <button type="submit" className="secondary" disabled={action.busy || (some && chosen.length === 0)}>
            Cancel order
          </button>
        </Dialog>
      )}
      <Outcome error={action.error} done={action.done} />
    </div>
  );
};
