import { useState } from 'react';
import { api, type LocationView } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';
import { LocationEditor } from './LocationEditor';

/** One location: what it does, paused or not; pause, resume or edit it. */
export const LocationRow = ({ location, onSaved }: { location: LocationView; onSaved: (saved: LocationView) => void }) => {
  const [editing, setEditing] = useState(false);
  const pause = useAction();
  const toggle = async () => {
    // The location as it stands, only `active` changed: PUT replaces the whole location.
    const { locationId, ...fields } = location;
    const saved = await pause.run(
      () => api.putLocation(locationId, { ...fields, active: !location.active }),
      (l) => `${l.locationId} ${l.active ? 'resumed' : 'paused'}`,
    );
    if (saved) onSaved(saved);
  };
  const capabilities = Object.entries(location.capabilities).filter(([, on]) => on).map(([name]) => name);
  return (
    <li className="job" aria-label={`Location ${location.locationId}`}>
      <header>
        <h3>{location.name}</h3>
        <span className="badge">{location.locationId}</span>
        <span className="badge">{location.type}</span>
        <span className={`badge${location.active ? '' : ' late'}`}>{location.active ? 'Active' : 'Paused'}</span>
      </header>
      <p className="times">
        <span>{capabilities.join(', ') || 'no capabilities'}</span>
        <span>Capacity {location.capacityPerDay}/day</span>
        <span>Hold {location.pickupHoldHours} h</span>
        {location.timezone && <span>{location.timezone}</span>}
        {location.dispatchCutoff && <span>Cut-off {location.dispatchCutoff}</span>}
      </p>
      <div className="actions">
        <button type="button" className={location.active ? 'secondary' : undefined} onClick={toggle} disabled={pause.busy}>
          {location.active ? 'Pause' : 'Resume'}
        </button>
        <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          Edit
        </button>
      </div>
      <Outcome error={pause.error} done={pause.done} />
      {editing && (
        <LocationEditor
          location={location}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            onSaved(saved);
          }}
        />
      )}
    </li>
  );
};
