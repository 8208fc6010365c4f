import type { FulfilmentView } from '../api/client';

const TYPE_NAMES: Record<string, string> = { pickup: 'Pickup', 'ship-from-store': 'Ship from store', 'ship-to-store': 'Transfer', warehouse: 'Warehouse' };

/** What a job card opens with, in the store and at logistics: its order, type, status, a flag when it is past due, the customer and the lines. */
export const FulfilmentFacts = ({ job, pastDue }: { job: FulfilmentView; pastDue?: string }) => (
  <>
    <header>
      <h3>Order {job.orderNumber ?? job.orderId}</h3>
      <span className="badge">{TYPE_NAMES[job.type] ?? job.type}</span>
      <span className="badge status">{job.status.replaceAll('_', ' ')}</span>
      {pastDue && <strong className="badge late">{pastDue}</strong>}
    </header>
    <p className="customer">{job.customer?.name ?? job.customer?.email ?? 'Customer'}</p>
    <ul className="lines">
      {job.lines.map((line) => (
        <li key={line.sku}>
          {line.quantity} × {line.sku}
          {line.picked > 0 && line.picked !== line.quantity ? ` (picked ${line.picked})` : ''}
        </li>
      ))}
    </ul>
  </>
);
