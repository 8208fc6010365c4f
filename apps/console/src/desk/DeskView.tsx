import { useState } from 'react';
import { OrderPage } from './OrderPage';
import { OrderSearch } from './OrderSearch';

/**
 * The service desk: find an order, read its whole story and act on it.
 * `seesFulfilments`: admin keys may read fulfilments (shipments, tracking); checkout keys see them through the order.
 */
export const DeskView = ({ seesFulfilments = false }: { seesFulfilments?: boolean }) => {
  const [opened, setOpened] = useState<{ orderId: string; orderNumber: string } | null>(null);
  return (
    <main className="desk">
      <h1>Service desk</h1>
      {/* The search stays mounted under the order page, so going back finds the results as they were. */}
      <div hidden={opened !== null}>
        <OrderSearch onOpen={setOpened} />
      </div>
      {opened && <OrderPage key={opened.orderId} {...opened} seesFulfilments={seesFulfilments} onBack={() => setOpened(null)} />}
    </main>
  );
};
