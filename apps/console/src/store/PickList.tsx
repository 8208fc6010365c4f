import type { FulfilmentView } from '../api/client';
import { pickList } from './queue';

/** Every accepted job's goods by SKU, for one walk through the shelves; printable. */
export const PickList = ({ jobs }: { jobs: readonly FulfilmentView[] }) => {
  const rows = pickList(jobs);
  return (
    <section className="pick-list" aria-labelledby="pick-list-title">
      <h2 id="pick-list-title">Pick list</h2>
      {rows.length === 0 ? (
        <p className="empty">No accepted job to pick.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Quantity</th>
              <th scope="col">Orders</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.sku}>
                <td>{row.sku}</td>
                <td>{row.quantity}</td>
                <td>{row.orders.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="no-print" onClick={() => window.print()}>
        Print
      </button>
    </section>
  );
};
