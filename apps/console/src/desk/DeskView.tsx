/** The service desk: find an order, read its whole story and act on it. */
export const DeskView = () => (
  <main className="desk">
    <h1>Service desk</h1>
  </main>
);
