import { availabilityOf, type AvailableStock } from './availability';

const stock = (sku: string, locationId: string, available: number, more: Partial<AvailableStock> = {}): AvailableStock => ({
  sku,
  locationId,
  type: 'store',
  available,
  pickup: true,
  ship: false,
  geo: { lat: 48.86, lon: 2.34 },
  ...more,
});
const paris = { lat: 48.8566, lon: 2.3522 };

describe('Availability', () => {
  it('answers every asked SKU once, in the order asked, with zeros for one held nowhere', () =>
    expect(availabilityOf(['B', 'A', 'B'], [stock('A', 'x', 2)]).items.map((i) => [i.sku, i.available])).toEqual([
      ['B', 0],
      ['A', 2],
    ]));

  it('counts toward ship availability only the locations that ship', () =>
    expect(availabilityOf(['A'], [stock('A', 'store', 3), stock('A', 'dc', 5, { type: 'warehouse', ship: true, pickup: false })]).items[0]).toMatchObject({
      available: 8,
      shipAvailable: 5,
    }));

  it('leaves out locations with nothing to promise', () => expect(availabilityOf(['A'], [stock('A', 'x', 0)]).items[0].locations).toEqual([]));

  it('sorts by id and gives no distance without a position', () => {
    const { locations } = availabilityOf(['A'], [stock('A', 'b', 1), stock('A', 'a', 1)]).items[0];
    expect(locations.map((l) => l.locationId)).toEqual(['a', 'b']);
    expect(locations[0]).not.toHaveProperty('distanceKm');
  });

  it('sorts by distance rounded to 0.1 km, then id', () => {
    const near = { lat: 48.8606, lon: 2.3376 };
    const { locations } = availabilityOf(['A'], [stock('A', 'lyon', 1, { geo: { lat: 45.764, lon: 4.8357 } }), stock('A', 'z-rivoli', 1, { geo: near }), stock('A', 'a-rivoli', 1, { geo: near })], paris).items[0];
    expect(locations.map((l) => [l.locationId, l.distanceKm])).toEqual([
      ['a-rivoli', 1.2],
      ['z-rivoli', 1.2],
      ['lyon', 391.5],
    ]);
  });
});
