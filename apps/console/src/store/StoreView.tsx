import { useCallback, useEffect, useRef, useState } from 'react';
import { api, Problem, type FulfilmentView } from '../api/client';
import { followFeed, type FeedState } from '../api/live-feed';
import { PickList } from './PickList';
import { ReturnDesk } from './ReturnDesk';
import { StockLookup } from './StockLookup';
import { WorkQueue } from './WorkQueue';

type Tab = 'queue' | 'pick-list' | 'stock' | 'returns';
const TABS: readonly { id: Tab; title: string }[] = [
  { id: 'queue', title: 'Queue' },
  { id: 'pick-list', title: 'Pick list' },
  { id: 'stock', title: 'Stock' },
  { id: 'returns', title: 'Returns' },
];

/** A store's console: its work queue kept live from the event feed, its pick list, stock and returns. */
export const StoreView = ({ locationId }: { locationId: string }) => {
  const [tab, setTab] = useState<Tab>('queue');
  const [jobs, setJobs] = useState<FulfilmentView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [feed, setFeed] = useState<FeedState>('connecting');
  const [now, setNow] = useState(() => new Date());
  const [notice, setNotice] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, string>>({});
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      setJobs(await api.fulfilments(locationId));
      setProblem(null);
      setNow(new Date());
    } catch (failure) {
      setProblem(failure instanceof Problem ? failure.detail : String(failure));
    }
  }, [locationId]);

  useEffect(() => {
    void load();
    // A burst of events (an order and its steps) becomes one reload.
    const stop = followFeed(
      () => {
        clearTimeout(pending.current);
        pending.current = setTimeout(() => void load(), 250);
      },
      (state) => {
        setFeed(state);
        if (state === 'live') void load();
      },
    );
    // Ages and due times move on; steps the feed does not show this store (another till accepting) are caught up too.
    const clock = setInterval(() => void load(), 30_000);
    return () => {
      stop();
      clearInterval(clock);
      clearTimeout(pending.current);
    };
  }, [load]);

  const done = (fulfilmentId: string, message: string) => {
    setNotice(message);
    setResults((shown) => ({ ...shown, [fulfilmentId]: message }));
    void load();
  };

  return (
    <main className="store">
      <h1>
        Store {locationId} <span className={`feed ${feed}`}>{feed === 'live' ? 'Live' : feed === 'connecting' ? 'Connecting…' : 'Reconnecting…'}</span>
      </h1>
      <nav className="tabs" aria-label="Store views">
        {TABS.map((t) => (
          <button key={t.id} type="button" aria-current={tab === t.id ? 'page' : undefined} onClick={() => setTab(t.id)}>
            {t.title}
          </button>
        ))}
      </nav>
      <p role="status" className="notice">
        {notice}
      </p>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {tab === 'queue' && (jobs ? <WorkQueue jobs={jobs} locationId={locationId} now={now} results={results} onDone={done} /> : <p>Loading…</p>)}
      {tab === 'pick-list' && <PickList jobs={jobs ?? []} />}
      {tab === 'stock' && <StockLookup locationId={locationId} />}
      {tab === 'returns' && <ReturnDesk locationId={locationId} />}
    </main>
  );
};
