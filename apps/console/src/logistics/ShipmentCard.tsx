import { useState } from 'react';
import type { FulfilmentView } from '../api/client';
import { isOverdue } from '../store/queue';
import { ShipDialog } from '../store/ShipDialog';
import { SimpleAction } from '../store/SimpleAction';
import { FulfilmentFacts } from '../store/FulfilmentFacts';

const time = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

/** Logistics may ship a parcel that is ready to leave (API.md's action table) and deliver one that has left; a transfer is received by its store instead. */
const canShip = (job: FulfilmentView) =>
  (job.type === 'warehouse' && job.status === 'released') || (job.type === 'ship-from-store' && job.status === 'picked') || (job.type === 'ship-to-store' && job.status === 'created');
const canDeliver = (job: FulfilmentView) => job.status === 'shipped' && job.type !== 'ship-to-store';

/** One fulfilment as logistics sees it: who, what, where from and to, due when; ship or deliver it. */
export const ShipmentCard = ({ job, now, result, onDone }: { job: FulfilmentView; now: Date; result?: string; onDone: (message: string) => void }) => {
  const [shipping, setShipping] = useState(false);
  const number = job.orderNumber ?? job.orderId;
  const late = isOverdue(job, now);
  const finished = (what: string) => () => {
    setShipping(false);
    onDone(`Order ${number}: ${what}`);
  };
  return (
    <article className={`job${late ? ' overdue' : ''}`} aria-label={`Order ${number}`}>
      <FulfilmentFacts job={job} pastDue={late ? 'Late' : undefined} />
      <p className="times">
        <span>From {job.locationId}</span>
        {job.pickupLocationId && <span>To store {job.pickupLocationId}</span>}
        {job.dueBy && <span className={late ? 'late' : undefined}>Due {time(job.dueBy)}</span>}
      </p>
      {job.shipTo && (
        <address>
          {job.shipTo.line1}, {job.shipTo.postalCode} {job.shipTo.city} {job.shipTo.country}
        </address>
      )}
      {job.shipment && (
        <p className="hint">
          {job.shipment.carrier} {job.shipment.trackingNumber}
          {job.shipment.deliveredAt ? `, delivered ${time(job.shipment.deliveredAt)}` : ''}
        </p>
      )}
      {result && (
        <p role="status" className="done">
          {result}
        </p>
      )}
      <div className="actions">
        {canShip(job) && (
          <button type="button" aria-expanded={shipping} onClick={() => setShipping(!shipping)}>
            Ship
          </button>
        )}
        {canDeliver(job) && <SimpleAction label="Deliver" run={() => ['deliver', {}]} job={job} onDone={finished('delivered')} />}
      </div>
      {shipping && <ShipDialog job={job} onDone={finished('shipped')} onClose={() => setShipping(false)} />}
    </article>
  );
};
