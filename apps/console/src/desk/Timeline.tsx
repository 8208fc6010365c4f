import type { OrderHistoryItem } from '../api/client';
import { when } from './format';
import { actorText, tell } from './history';
import { RoutingTable } from './RoutingTable';

/** The order's history as a story: each event in words, with when and by whom; routing decisions as tables. */
export const Timeline = ({ items }: { items: readonly OrderHistoryItem[] }) => (
  <section aria-labelledby="history-title">
    <h3 id="history-title">History</h3>
    {items.length === 0 ? (
      <p className="empty">Nothing recorded yet.</p>
    ) : (
      <ol className="timeline">
        {items.map((item) => {
          const told = tell(item);
          return (
            <li key={item.seq}>
              <p className="what">{told.title}</p>
              <p className="times">
                <time dateTime={item.at}>{when(item.at)}</time>
                <span>by {actorText(item.actor)}</span>
              </p>
              {told.details.map((detail, i) => (
                <p key={i} className="detail">
                  {detail}
                </p>
              ))}
              {told.decision && <RoutingTable decision={told.decision} title={`${told.title}: candidates`} />}
            </li>
          );
        })}
      </ol>
    )}
  </section>
);
