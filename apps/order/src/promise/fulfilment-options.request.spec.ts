import { DomainError } from '@oms/contracts';
import { fulfilmentOptionsFrom } from './fulfilment-options.request';

const NOW = Date.parse('2026-06-02T08:00:00.000Z');
const cart = { lines: [{ sku: 'TENT-2P', quantity: 1 }], destination: { lat: 48.85, lon: 2.35 } };
const pathsOf = (payload: unknown): string[] => {
  try {
    fulfilmentOptionsFrom(payload, NOW);
  } catch (error) {
    return ((error as DomainError).errors ?? []).map((e) => e.path);
  }
  return [];
};

describe('Fulfilment options › the request', () => {
  it('asks about now within 30 km when at and radiusKm are left out', () =>
    expect(fulfilmentOptionsFrom(cart, NOW)).toEqual({ ...cart, atMs: NOW, radiusKm: 30 }));

  it('takes the instant and radius given', () =>
    expect(fulfilmentOptionsFrom({ ...cart, at: '2026-06-07T10:00:00+02:00', radiusKm: 5 }, NOW)).toMatchObject({ atMs: Date.parse('2026-06-07T08:00:00Z'), radiusKm: 5 }));

  it('names every wrong field at once', () =>
    expect(pathsOf({ lines: [{ sku: '', quantity: 0 }], destination: { lat: 91 }, at: 'soon', radiusKm: 0 }).sort()).toEqual(
      ['at', 'destination.lat', 'destination.lon', 'lines.0.quantity', 'lines.0.sku', 'radiusKm'].sort(),
    ));

  it('refuses a SKU on two lines', () =>
    expect(pathsOf({ ...cart, lines: [{ sku: 'A', quantity: 1 }, { sku: 'A', quantity: 2 }] })).toEqual(['lines.1.sku']));

  it('refuses an instant outside 2000–2099, where time zones have no reliable rules', () => expect(pathsOf({ ...cart, at: '2150-01-01T00:00:00Z' })).toEqual(['at']));
});
