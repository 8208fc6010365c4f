import { linesText, when, words } from './format';
import { NOTES, OUTCOMES, reasonText, type RoutingDecision } from './routing-words';

/** One routing decision: every candidate location, whether it was taken or why not, and what the taken ones take. */
export const RoutingTable = ({ decision, title }: { decision: RoutingDecision; title: string }) => {
  const taken = new Map(decision.allocations.map((a) => [a.locationId, a]));
  return (
    <div className="routing">
      {(decision.notes ?? []).map((note) => (
        <p key={note} className="hint">
          {NOTES[note] ?? words(note)}
        </p>
      ))}
      {decision.reservationTries !== undefined && (
        <p className="hint">The stock was taken by other orders on each of {decision.reservationTries} tries: nothing allocated.</p>
      )}
      {decision.unallocated.length > 0 && <p className="hint">No location could take {linesText(decision.unallocated)}: backordered.</p>}
      {decision.promise?.by && <p className="hint">Promised by {when(decision.promise.by)}.</p>}
      {decision.candidates.length === 0 ? (
        <p className="empty">No candidate locations recorded.</p>
      ) : (
        <div className="scroll">
          <table aria-label={title}>
            <thead>
              <tr>
                <th scope="col">Location</th>
                <th scope="col">Decision</th>
                <th scope="col">Why</th>
                <th scope="col">Distance</th>
                <th scope="col">Takes</th>
              </tr>
            </thead>
            <tbody>
              {decision.candidates.map((c) => {
                const allocation = taken.get(c.locationId);
                return (
                  <tr key={c.locationId} className={c.outcome}>
                    <th scope="row">{c.locationId}</th>
                    <td>{OUTCOMES[c.outcome] ?? words(c.outcome)}</td>
                    <td>{c.reasons.length > 0 ? c.reasons.map(reasonText).join('; ') : '–'}</td>
                    <td>{c.distanceKm === undefined ? '–' : `${c.distanceKm.toFixed(1)} km`}</td>
                    <td>{allocation ? `${linesText(allocation.lines)} (${words(allocation.method)})` : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
};
