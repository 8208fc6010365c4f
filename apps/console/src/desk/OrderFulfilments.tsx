import type { FulfilmentView, OrderView } from '../api/client';
import { linesText, when, words } from './format';
import { NewPickupCode } from './NewPickupCode';

interface Props {
  readonly order: OrderView;
  /** Admin keys only: the fulfilments themselves, for shipments and pickup deadlines. */
  readonly fulfilments: readonly FulfilmentView[] | null;
  readonly readOnly: boolean;
  readonly onChanged: () => void;
}

/** Where the goods come from: each allocation with its fulfilment's status, pickup code and, when known, tracking. */
export const OrderFulfilments = ({ order, fulfilments, readOnly, onChanged }: Props) => {
  const byId = new Map((fulfilments ?? []).map((f) => [f.fulfilmentId, f]));
  return (
    <section aria-labelledby="fulfilments-title">
      <h3 id="fulfilments-title">Fulfilments</h3>
      {order.allocations.length === 0 && <p className="empty">Not allocated yet.</p>}
      <ul className="plain">
        {order.allocations.map((a) => {
          const f = a.fulfilmentId ? byId.get(a.fulfilmentId) : undefined;
          return (
            <li key={a.allocationId} className="job" aria-label={`Allocation at ${a.locationId}`}>
              <header>
                <h4>
                  {words(a.method)} from {a.locationId}
                  {f?.pickupLocationId ? ` to ${f.pickupLocationId}` : ''}
                </h4>
                <span className="badge status">{words(a.status)}</span>
                {f?.late && <strong className="badge late">Late</strong>}
              </header>
              <p className="detail">{linesText(a.lines)}</p>
              {a.released.length > 0 && <p className="detail">Given back: {linesText(a.released)}</p>}
              <p className="times">
                {a.fulfilmentId && <span>Fulfilment {a.fulfilmentId}</span>}
                {a.dueBy && <span>Due by {when(a.dueBy)}</span>}
                {f?.pickup && <span>Collect by {when(f.pickup.expiresAt)}</span>}
                {f?.pickupCodeAttemptsLeft !== undefined && <span>{f.pickupCodeAttemptsLeft} code attempts left</span>}
              </p>
              {f?.shipment && (
                <p className="detail">
                  Shipped with {f.shipment.carrier}, tracking number {f.shipment.trackingNumber}
                  {f.shipment.shippedAt ? ` on ${when(f.shipment.shippedAt)}` : ''}
                  {f.shipment.deliveredAt ? `, delivered ${when(f.shipment.deliveredAt)}` : ''}
                </p>
              )}
              {a.pickupCode && (
                <label className="row">
                  <span>Pickup code</span>
                  <input readOnly value={a.pickupCode} className="code" />
                </label>
              )}
              {!readOnly && a.status === 'ready_for_pickup' && a.fulfilmentId && (
                <div className="actions">
                  <NewPickupCode fulfilmentId={a.fulfilmentId} onDone={onChanged} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
};
