import type { OrderView } from '../api/client';
import { money } from './format';

/** What was ordered and where each quantity stands, with the order's total. */
export const OrderLines = ({ order }: { order: OrderView }) => (
  <div className="scroll">
    <table aria-label="Lines">
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Unit price</th>
          <th scope="col">Ordered</th>
          <th scope="col">Allocated</th>
          <th scope="col">Fulfilled</th>
          <th scope="col">Cancelled</th>
          <th scope="col">Returned</th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line) => (
          <tr key={line.sku}>
            <th scope="row">{line.sku}</th>
            <td>{money(line.unitPrice)}</td>
            <td>{line.quantity}</td>
            <td>{line.allocated}</td>
            <td>{line.fulfilled}</td>
            <td>{line.cancelled}</td>
            <td>{line.returned}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td colSpan={6}>{money(order.totals)}</td>
        </tr>
      </tfoot>
    </table>
  </div>
);
