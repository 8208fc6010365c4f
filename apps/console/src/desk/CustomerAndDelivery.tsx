import type { OrderView } from '../api/client';
import { money, when } from './format';

/** Who ordered, how it reaches them, and what was promised. */
export const CustomerAndDelivery = ({ order }: { order: OrderView }) => {
  const { customer, delivery } = order;
  return (
    <dl className="facts">
      <dt>Customer</dt>
      <dd>
        {[customer.name, customer.email, customer.phone].filter(Boolean).join(' · ') || customer.id}
        <span className="hint"> (id {customer.id})</span>
      </dd>
      <dt>Delivery</dt>
      <dd>
        {delivery.method === 'pickup' ? (
          `Pickup at ${delivery.locationId}`
        ) : (
          <address>
            {delivery.speed} shipping to {delivery.address.line1}
            {delivery.address.line2 ? `, ${delivery.address.line2}` : ''}, {delivery.address.postalCode} {delivery.address.city}, {delivery.address.country}
          </address>
        )}
      </dd>
      <dt>Channel</dt>
      <dd>{order.channel}</dd>
      <dt>Placed</dt>
      <dd>{when(order.createdAt)}</dd>
      {order.promise && (
        <>
          <dt>Promised by</dt>
          <dd>{when(order.promise.by)}</dd>
        </>
      )}
      <dt>Total</dt>
      <dd>{money(order.totals)}</dd>
    </dl>
  );
};
