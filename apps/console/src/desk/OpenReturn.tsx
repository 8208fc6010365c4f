import { useState, type FormEvent } from 'react';
import { api, type LocationView, type OrderView } from '../api/client';
import { Outcome } from '../outcome';
import { Dialog } from '../store/Dialog';
import { useAction } from '../use-action';
import { QuantityField } from '../QuantityField';

type Method = 'in-store' | 'mail';

/** Opens a return of fulfilled goods, brought to any store or sent by mail; the receiving location then checks them in. */
export const OpenReturn = ({ order }: { order: OrderView }) => {
  const returnable = order.lines.map((l) => ({ sku: l.sku, open: l.fulfilled - l.returned })).filter((l) => l.open > 0);
  const [shown, setShown] = useState(false);
  const [locations, setLocations] = useState<readonly LocationView[] | null>(null);
  const [method, setMethod] = useState<Method>('in-store');
  const [locationId, setLocationId] = useState('');
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const action = useAction();
  const places = (locations ?? []).filter((l) => l.active && (method === 'mail' || l.type === 'store'));

  const toggle = async () => {
    setShown(!shown);
    action.clear();
    if (shown || locations) return;
    const all = await action.run(() => api.locations());
    if (all) setLocations(all);
  };

  const chosen = returnable.filter((l) => (quantities[l.sku] ?? 0) > 0).map((l) => ({ sku: l.sku, quantity: quantities[l.sku] }));
  const target = places.some((l) => l.locationId === locationId) ? locationId : (places[0]?.locationId ?? '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const opened = await action.run(
      () => api.requestReturn(order.orderId, { lines: chosen, method, locationId: target }),
      (r) => `Return ${r.returnId} opened (${r.method === 'mail' ? 'by mail' : 'in store'} at ${r.locationId}): ${r.status}`,
    );
    if (opened) {
      setShown(false);
      setQuantities({});
    }
  };
  if (returnable.length === 0) return null;
  return (
    <div className="desk-action">
      <button type="button" aria-expanded={shown} onClick={toggle}>
        Open return
      </button>
      {shown && (
        <Dialog title={`Open a return for order ${order.orderNumber}`} onSubmit={submit} onClose={() => setShown(false)}>
          {returnable.map((line) => (
            <QuantityField
              key={line.sku}
              label={`Return ${line.sku} (up to ${line.open})`}
              max={line.open}
              value={quantities[line.sku] ?? 0}
              onChange={(quantity) => setQuantities({ ...quantities, [line.sku]: quantity })}
            />
          ))}
          <label>
            <span>Return method</span>
            <select value={method} onChange={(e) => setMethod(e.target.value as Method)}>
              <option value="in-store">In store</option>
              <option value="mail">By mail</option>
            </select>
          </label>
          <label>
            <span>Return to</span>
            <select value={target} onChange={(e) => setLocationId(e.target.value)} disabled={!locations}>
              {places.map((l) => (
                <option key={l.locationId} value={l.locationId}>
                  {l.name} ({l.locationId})
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={action.busy || chosen.length === 0 || !target}>
            Open return
          </button>
        </Dialog>
      )}
      <Outcome error={action.error} done={action.done} />
    </div>
  );
};
