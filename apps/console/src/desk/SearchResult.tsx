import type { OrderView } from '../api/client';
import { money, when, words } from './format';

/** One order found: enough to tell it from the others; activating it opens its page. */
export const SearchResult = ({ order, onOpen }: { order: OrderView; onOpen: () => void }) => (
  <li aria-label={`Order ${order.orderNumber}`}>
    <button type="button" className="result" onClick={onOpen}>
      <strong>Order {order.orderNumber}</strong>
      <span>{[order.customer.name, order.customer.email].filter(Boolean).join(' / ') || order.customer.id}</span>
      <span className="badge status">{words(order.status)}</span>
      <span>{order.channel}</span>
      <span>{money(order.totals)}</span>
      <span>{when(order.createdAt)}</span>
    </button>
  </li>
);
