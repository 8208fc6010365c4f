import { useState, type FormEvent } from 'react';
import { api, type FulfilmentView } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';
import { Dialog } from './Dialog';

/** Records the parcel: carrier and tracking number. */
export const ShipDialog = ({ job, onDone, onClose }: { job: FulfilmentView; onDone: () => void; onClose: () => void }) => {
  const [carrier, setCarrier] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(() => api.act(job.fulfilmentId, 'ship', { carrier: carrier.trim(), trackingNumber: trackingNumber.trim() }))) onDone();
  };
  return (
    <Dialog title={`Ship order ${job.orderNumber ?? job.orderId}`} onSubmit={submit} onClose={onClose}>
      {job.shipTo && (
        <address>
          {job.customer?.name && <>{job.customer.name}<br /></>}
          {job.shipTo.line1}
          <br />
          {job.shipTo.postalCode} {job.shipTo.city} {job.shipTo.country}
        </address>
      )}
      {job.type === 'ship-to-store' && <p className="hint">Transfer to {job.pickupLocationId}</p>}
      <label className="row">
        <span>Carrier</span>
        <input value={carrier} maxLength={200} onChange={(e) => setCarrier(e.target.value)} required />
      </label>
      <label className="row">
        <span>Tracking number</span>
        <input value={trackingNumber} maxLength={200} onChange={(e) => setTrackingNumber(e.target.value)} required />
      </label>
      <button type="submit" disabled={action.busy}>
        Ship
      </button>
      <Outcome error={action.error} />
    </Dialog>
  );
};
