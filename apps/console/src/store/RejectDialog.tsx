import { useState, type FormEvent } from 'react';
import { api, type FulfilmentView } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';
import { Dialog } from './Dialog';

const CODES = [
  { code: 'not-found', label: 'Not found (counts the SKU to 0 here)' },
  { code: 'damaged', label: 'Damaged (writes it off)' },
  { code: 'no-capacity', label: 'No capacity' },
  { code: 'customer-request', label: 'Customer request' },
  { code: 'other', label: 'Other' },
] as const;

/** Reject the whole job, or only some lines (the rest stays here), with a code saying why. */
export const RejectDialog = ({ job, onDone, onClose }: { job: FulfilmentView; onDone: () => void; onClose: () => void }) => {
  const held = job.lines.map((l) => ({ sku: l.sku, quantity: job.status === 'picked' ? l.picked : l.quantity })).filter((l) => l.quantity > 0);
  const [code, setCode] = useState<string>('not-found');
  const [reason, setReason] = useState('');
  const [chosen, setChosen] = useState<Record<string, number>>({});
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lines = Object.entries(chosen).filter(([, quantity]) => quantity > 0).map(([sku, quantity]) => ({ sku, quantity }));
    const label = CODES.find((c) => c.code === code)?.label ?? code;
    const body = { code, reason: reason.trim() || label, ...(lines.length > 0 ? { lines } : {}) };
    if (await action.run(() => api.act(job.fulfilmentId, 'reject', body))) onDone();
  };
  return (
    <Dialog title={`Reject order ${job.orderNumber ?? job.orderId}`} onSubmit={submit} onClose={onClose}>
      <label className="row">
        <span>Reject code</span>
        <select value={code} onChange={(e) => setCode(e.target.value)}>
          {CODES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="row">
        <span>Note</span>
        <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
      </label>
      {(held.length > 1 || held.some((l) => l.quantity > 1)) && (
        <fieldset>
          <legend>Only some lines (leave at 0 to reject everything)</legend>
          {held.map((line) => (
            <label key={line.sku} className="row">
              <span>Reject {line.sku} (of {line.quantity})</span>
              <input
                type="number"
                inputMode="numeric"
                min={0}
                max={line.quantity}
                value={chosen[line.sku] ?? 0}
                onChange={(e) => setChosen({ ...chosen, [line.sku]: Math.max(0, Math.min(line.quantity, Number(e.target.value))) })}
              />
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={action.busy}>
        Reject
      </button>
      <Outcome error={action.error} />
    </Dialog>
  );
};
