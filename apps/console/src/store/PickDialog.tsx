import { useState, type FormEvent } from 'react';
import { api, type FulfilmentView } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';
import { Dialog } from './Dialog';

/** A quantity per line, full by default: less than ordered sends the rest elsewhere. */
export const PickDialog = ({ job, onDone, onClose }: { job: FulfilmentView; onDone: () => void; onClose: () => void }) => {
  const [found, setFound] = useState<Record<string, number>>(() => Object.fromEntries(job.lines.map((l) => [l.sku, l.quantity])));
  const action = useAction();
  const short = job.lines.some((l) => (found[l.sku] ?? 0) < l.quantity);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lines = job.lines.map((l) => ({ sku: l.sku, quantity: found[l.sku] ?? 0 }));
    if (await action.run(() => api.act(job.fulfilmentId, 'pick', { lines }))) onDone();
  };
  return (
    <Dialog title={`Pick order ${job.orderNumber ?? job.orderId}`} onSubmit={submit} onClose={onClose}>
      {job.lines.map((line) => (
        <label key={line.sku} className="row">
          <span>
            Found {line.sku} (of {line.quantity})
          </span>
          <input
            type="number"
            inputMode="numeric"
            min={0}
            max={line.quantity}
            value={found[line.sku]}
            onChange={(e) => setFound({ ...found, [line.sku]: Math.max(0, Math.min(line.quantity, Number(e.target.value))) })}
          />
        </label>
      ))}
      {short && <p className="hint">What was not found goes to another location.</p>}
      <button type="submit" disabled={action.busy}>
        Pick
      </button>
      <Outcome error={action.error} />
    </Dialog>
  );
};
