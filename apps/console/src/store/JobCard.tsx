import { useState } from 'react';
import type { FulfilmentView } from '../api/client';
import { HandOverDialog } from './HandOverDialog';
import { PickDialog } from './PickDialog';
import { ageOf, dueOf, isOverdue } from './queue';
import { RejectDialog } from './RejectDialog';
import { ShipDialog } from './ShipDialog';
import { SimpleAction } from './SimpleAction';
import { FulfilmentFacts } from './FulfilmentFacts';

type Panel = 'reject' | 'pick' | 'hand-over' | 'ship' | null;

const time = (iso: string) => new Date(iso).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** One job of the store's queue, with the actions its status allows here. */
interface Props {
  readonly job: FulfilmentView;
  readonly locationId: string;
  readonly now: Date;
  readonly result?: string;
  readonly onDone: (message: string) => void;
}

export const JobCard = ({ job, locationId, now, result, onDone }: Props) => {
  const [panel, setPanel] = useState<Panel>(null);
  const due = dueOf(job);
  const overdue = isOverdue(job, now);
  const number = job.orderNumber ?? job.orderId;
  const incoming = job.type === 'ship-to-store' && job.pickupLocationId === locationId && job.locationId !== locationId;
  const atSource = job.locationId === locationId;
  const canReject = atSource && ['created', 'accepted', 'picked'].includes(job.status) && job.type !== 'warehouse';
  const finished = (what: string) => () => {
    setPanel(null);
    onDone(`Order ${number}: ${what}`);
  };
  const toggle = (next: Panel) => setPanel(panel === next ? null : next);

  return (
    <article className={`job${overdue ? ' overdue' : ''}`} aria-label={`Order ${number}`}>
      <FulfilmentFacts job={job} pastDue={overdue ? 'Overdue' : undefined} />
      <p className="times">
        <span>Age {ageOf(job.createdAt, now)}</span>
        {due && <span>{job.status === 'ready_for_pickup' ? 'Collect by' : 'Due'} {time(due)}</span>}
        {incoming && <span>From {job.locationId}</span>}
        {job.shipTo && <span>To {job.shipTo.city}</span>}
      </p>
      {result && (
        <p role="status" className="done">
          {result}
        </p>
      )}
      <div className="actions">
        {atSource && job.status === 'created' && job.type !== 'ship-to-store' && (
          <SimpleAction label="Accept" run={() => ['accept', {}]} job={job} onDone={finished('accepted')} />
        )}
        {atSource && job.status === 'accepted' && (
          <button type="button" aria-expanded={panel === 'pick'} onClick={() => toggle('pick')}>
            Pick
          </button>
        )}
        {((job.status === 'picked' && job.type === 'pickup') || (job.status === 'received' && job.pickupLocationId === locationId)) && (
          <SimpleAction label="Ready for pickup" run={() => ['ready', {}]} job={job} onDone={finished('ready for pickup')} />
        )}
        {job.status === 'ready_for_pickup' && (
          <button type="button" aria-expanded={panel === 'hand-over'} onClick={() => toggle('hand-over')}>
            Hand over
          </button>
        )}
        {atSource && ((job.status === 'picked' && job.type === 'ship-from-store') || (job.status === 'created' && job.type === 'ship-to-store')) && (
          <button type="button" aria-expanded={panel === 'ship'} onClick={() => toggle('ship')}>
            Ship
          </button>
        )}
        {incoming && job.status === 'shipped' && <SimpleAction label="Receive" run={() => ['receive', {}]} job={job} onDone={finished('received')} />}
        {canReject && (
          <button type="button" className="secondary" aria-expanded={panel === 'reject'} onClick={() => toggle('reject')}>
            Reject
          </button>
        )}
      </div>
      {panel === 'pick' && <PickDialog job={job} onDone={finished('picked')} onClose={() => setPanel(null)} />}
      {panel === 'reject' && <RejectDialog job={job} onDone={finished('rejected')} onClose={() => setPanel(null)} />}
      {panel === 'hand-over' && <HandOverDialog job={job} onDone={finished('handed over')} onClose={() => setPanel(null)} />}
      {panel === 'ship' && <ShipDialog job={job} onDone={finished('shipped')} onClose={() => setPanel(null)} />}
    </article>
  );
};
