import { useState } from 'react';
import { DeskView } from '../desk/DeskView';
import { LogisticsView } from '../logistics/LogisticsView';
import { LocationsAdmin } from './LocationsAdmin';
import { StockUpload } from './StockUpload';

type Tab = 'desk' | 'logistics' | 'locations' | 'stock';
const TABS: readonly { id: Tab; title: string }[] = [
  { id: 'desk', title: 'Service desk' },
  { id: 'logistics', title: 'Logistics' },
  { id: 'locations', title: 'Locations' },
  { id: 'stock', title: 'Stock upload' },
];

/** An admin sees the service desk and logistics views, and also runs locations and stock counts. */
export const AdminView = () => {
  const [tab, setTab] = useState<Tab>('desk');
  return (
    <>
      <nav className="tabs" aria-label="Admin views">
        {TABS.map((t) => (
          <button key={t.id} type="button" aria-current={tab === t.id ? 'page' : undefined} onClick={() => setTab(t.id)}>
            {t.title}
          </button>
        ))}
      </nav>
      {tab === 'desk' && <DeskView seesFulfilments />}
      {tab === 'logistics' && <LogisticsView />}
      {tab === 'locations' && (
        <main className="admin">
          <LocationsAdmin />
        </main>
      )}
      {tab === 'stock' && (
        <main className="admin">
          <StockUpload />
        </main>
      )}
    </>
  );
};
