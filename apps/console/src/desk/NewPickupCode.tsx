import { api } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';

/** A customer lost the code, or the counter locked it: a new one replaces it, and the order shows it once reloaded. */
export const NewPickupCode = ({ fulfilmentId, onDone }: { fulfilmentId: string; onDone: () => void }) => {
  const action = useAction();
  const click = async () => {
    if (await action.run(() => api.redrawPickupCode(fulfilmentId), () => 'New pickup code drawn: the old one no longer works.')) onDone();
  };
  return (
    <span className="simple-action">
      <button type="button" onClick={click} disabled={action.busy}>
        New pickup code
      </button>
      <Outcome error={action.error} done={action.done} />
    </span>
  );
};
