import { FULFILMENT_STATUSES, FULFILMENT_TYPES } from '@oms/contracts';
import type { LocationView } from '../api/client';

export interface Filter {
  readonly status: string;
  readonly type: string;
  readonly locationId: string;
}

export const NO_FILTER: Filter = { status: '', type: '', locationId: '' };

/** Status, type and location: each narrows the list the API answers; empty means any. */
export const FulfilmentFilters = ({ filter, locations, onChange }: { filter: Filter; locations: readonly LocationView[]; onChange: (filter: Filter) => void }) => (
  <div className="inline filters">
    <label>
      <span>Status</span>
      <select value={filter.status} onChange={(e) => onChange({ ...filter, status: e.target.value })}>
        <option value="">Any status</option>
        {FULFILMENT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {status.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    </label>
    <label>
      <span>Type</span>
      <select value={filter.type} onChange={(e) => onChange({ ...filter, type: e.target.value })}>
        <option value="">Any type</option>
        {FULFILMENT_TYPES.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
    </label>
    <label>
      <span>Location</span>
      <select value={filter.locationId} onChange={(e) => onChange({ ...filter, locationId: e.target.value })}>
        <option value="">Any location</option>
        {locations.map((location) => (
          <option key={location.locationId} value={location.locationId}>
            {location.name} ({location.locationId})
          </option>
        ))}
      </select>
    </label>
  </div>
);
