import { api, type FulfilmentView } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';

/** An action without a form (accept, ready for pickup, receive): one button, its problem shown beside it. */
export const SimpleAction = ({ label, job, run, onDone }: { label: string; job: FulfilmentView; run: () => [string, object]; onDone: () => void }) => {
  const action = useAction();
  const click = async () => {
    const [name, body] = run();
    if (await action.run(() => api.act(job.fulfilmentId, name, body))) onDone();
  };
  return (
    <span className="simple-action">
      <button type="button" onClick={click} disabled={action.busy}>
        {label}
      </button>
      <Outcome error={action.error} />
    </span>
  );
};
