import { useState, type FormEvent } from 'react';
import { api, type StockLevelView } from '../api/client';
import { Outcome } from '../outcome';
import { useAction } from '../use-action';

interface Elsewhere { readonly locationId: string; readonly available: number; readonly distanceKm?: number }

/** A SKU here, and at the nearest other stores: to tell a customer where else to find it. */
export const StockLookup = ({ locationId }: { locationId: string }) => {
  const [sku, setSku] = useState('');
  const [here, setHere] = useState<StockLevelView | null>(null);
  const [elsewhere, setElsewhere] = useState<Elsewhere[]>([]);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = sku.trim();
    await action.run(async () => {
      const [stock, location] = await Promise.all([api.stock(locationId, wanted), api.location(locationId)]);
      const availability = await api.availability(wanted, location.geo.lat, location.geo.lon);
      setHere(stock);
      const others = availability.items[0]?.locations.filter((l) => l.locationId !== locationId && l.type === 'store') ?? [];
      setElsewhere(others.slice(0, 5));
    });
  };
  return (
    <section aria-labelledby="stock-title">
      <h2 id="stock-title">Stock</h2>
      <form onSubmit={submit} className="inline">
        <label>
          <span>SKU</span>
          <input value={sku} onChange={(e) => setSku(e.target.value)} required maxLength={200} />
        </label>
        <button type="submit" disabled={action.busy}>
          Look up
        </button>
      </form>
      <Outcome error={action.error} />
      {here && (
        <table aria-label={`Stock of ${here.sku}`}>
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">Available</th>
              <th scope="col">Distance</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Here ({locationId})</td>
              <td>
                {here.available} (on hand {here.onHand}, reserved {here.reserved})
              </td>
              <td>–</td>
            </tr>
            {elsewhere.map((l) => (
              <tr key={l.locationId}>
                <td>{l.locationId}</td>
                <td>{l.available}</td>
                <td>{l.distanceKm === undefined ? '' : `${l.distanceKm.toFixed(1)} km`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
