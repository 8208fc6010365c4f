import { useCallback, useEffect, useState } from 'react';
import { api, Problem, type FulfilmentView, type LocationView } from '../api/client';
import { byUrgency } from '../store/queue';
import { FulfilmentFilters, NO_FILTER, type Filter } from './FulfilmentFilters';
import { ShipmentCard } from './ShipmentCard';

/** Logistics: fulfilments by status, type and location, the late ones first; ship and deliver. */
export const LogisticsView = () => {
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [locations, setLocations] = useState<LocationView[]>([]);
  const [jobs, setJobs] = useState<FulfilmentView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, string>>({});
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    api.locations().then(setLocations, () => undefined);
  }, []);

  /** The pages loaded so far, read again from the first (after a filter change or an action). */
  const load = useCallback(async (next: Filter, pages = 1) => {
    setLoading(true);
    try {
      const all: FulfilmentView[] = [];
      let after: string | null = null;
      for (let page = 0; page < pages; page++) {
        const result = await api.fulfilmentPage(next, after);
        all.push(...result.items);
        after = result.nextCursor;
        if (!after) break;
      }
      setJobs(all);
      setCursor(after);
      setProblem(null);
      setNow(new Date());
    } catch (failure) {
      setProblem(failure instanceof Problem ? failure.detail : String(failure));
    } finally {
      setLoading(false);
    }
  }, []);

  const [pages, setPages] = useState(1);
  useEffect(() => {
    void load(filter, pages);
    // Due times pass and others ship: read again now and then, like the store's queue.
    const clock = setInterval(() => void load(filter, pages), 30_000);
    return () => clearInterval(clock);
  }, [load, filter, pages]);

  const done = (fulfilmentId: string, message: string) => {
    setResults((shown) => ({ ...shown, [fulfilmentId]: message }));
    void load(filter, pages);
  };
  const sorted = jobs ? [...jobs].sort(byUrgency(now)) : null;

  return (
    <main className="logistics">
      <h1>Logistics</h1>
      <FulfilmentFilters filter={filter} locations={locations} onChange={(next) => (setPages(1), setFilter(next))} />
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {sorted === null ? (
        <p>Loading…</p>
      ) : (
        <section aria-labelledby="fulfilments-heading">
          <h2 id="fulfilments-heading">
            Fulfilments <span className="count">{sorted.length}{cursor ? '+' : ''}</span>
          </h2>
          {cursor && <p className="hint">Late work first among those loaded; load more to see the rest.</p>}
          {sorted.length === 0 ? (
            <p className="empty">Nothing here.</p>
          ) : (
            <div className="queue">
              {sorted.map((job) => (
                <ShipmentCard key={job.fulfilmentId} job={job} now={now} result={results[job.fulfilmentId]} onDone={(message) => done(job.fulfilmentId, message)} />
              ))}
            </div>
          )}
          {cursor && (
            <button type="button" disabled={loading} onClick={() => setPages(pages + 1)}>
              Load more
            </button>
          )}
        </section>
      )}
    </main>
  );
};
