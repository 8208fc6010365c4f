import { useState, type FormEvent } from 'react';
import { api, type FulfilmentView } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';
import { Dialog } from './Dialog';
import { QuantityField } from '../QuantityField';

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
        <QuantityField
          key={line.sku}
          label={`Found ${line.sku} (of ${line.quantity})`}
          max={line.quantity}
          value={found[line.sku]}
          onChange={(quantity) => setFound({ ...found, [line.sku]: quantity })}
        />
      ))}
      {short && <p className="hint">What was not found goes to another location.</p>}
      <button type="submit" disabled={action.busy}>
        Pick
      </button>
      <Outcome error={action.error} />
    </Dialog>
  );
};
