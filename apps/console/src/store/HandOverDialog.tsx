import { useState, type FormEvent } from 'react';
import { api, Problem, type FulfilmentView } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';
import { Dialog } from './Dialog';

/** Hands the goods over against the code the customer shows; a wrong code counts, five lock the pickup. */
export const HandOverDialog = ({ job, onDone, onClose }: { job: FulfilmentView; onDone: () => void; onClose: () => void }) => {
  const [code, setCode] = useState('');
  const [attemptsLeft, setAttemptsLeft] = useState(job.pickupCodeAttemptsLeft ?? 5);
  const [locked, setLocked] = useState((job.pickupCodeAttemptsLeft ?? 5) === 0);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const collected = await action.run(async () => {
      try {
        return await api.act(job.fulfilmentId, 'collect', { pickupCode: code.trim() });
      } catch (problem) {
        if (problem instanceof Problem && problem.status === 423) setLocked(true);
        if (problem instanceof Problem && problem.status === 422) setAttemptsLeft((n) => Math.max(0, n - 1));
        throw problem;
      }
    });
    if (collected) onDone();
    else setCode('');
  };
  return (
    <Dialog title={`Hand over order ${job.orderNumber ?? job.orderId}`} onSubmit={submit} onClose={onClose}>
      <label className="row">
        <span>Pickup code</span>
        <input inputMode="numeric" autoComplete="off" pattern="\d{6}" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} disabled={locked} required />
      </label>
      {locked ? (
        <p role="alert" className="problem">
          Locked after too many wrong codes: the customer needs a new code from customer service.
        </p>
      ) : (
        <p className="hint">{attemptsLeft} attempts left</p>
      )}
      <button type="submit" disabled={action.busy || locked}>
        Hand over
      </button>
      {!locked && <Outcome error={action.error} />}
    </Dialog>
  );
};
