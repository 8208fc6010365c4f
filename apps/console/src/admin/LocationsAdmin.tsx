import { useEffect, useState } from 'react';
import { api, Problem, type LocationView } from '../api/client';
import { LocationRow } from './LocationRow';

/** Locations listed and edited, paused and resumed. */
export const LocationsAdmin = () => {
  const [locations, setLocations] = useState<LocationView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api.locations().then(setLocations, (failure) => setProblem(failure instanceof Problem ? failure.detail : String(failure)));
  }, []);
  const saved = (location: LocationView) => setLocations((all) => (all ?? []).map((l) => (l.locationId === location.locationId ? location : l)));
  return (
    <>
      <h1>Locations</h1>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {locations === null ? (
        <p>Loading…</p>
      ) : (
        <ul className="locations" aria-label="Locations">
          {locations.map((location) => (
            <LocationRow key={location.locationId} location={location} onSaved={saved} />
          ))}
        </ul>
      )}
    </>
  );
};
