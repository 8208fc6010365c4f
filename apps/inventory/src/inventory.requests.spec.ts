import { availabilityFrom, pageFrom, reserveStockFrom } from './inventory.requests';

const origin = { correlationId: 'corr-1', actor: 'order' };

describe('Inventory requests', () => {
  it('reads a reservation sent as a command, keeping the sender’s correlation id', () => {
    const command = reserveStockFrom(
      { type: 'ReserveStock', data: { reservationId: 'r1', orderId: 'o1', lines: [{ locationId: 'x', sku: 'A', quantity: 1 }] }, metadata: { correlationId: 'corr-9', actor: 'order' } },
      origin,
    );
    expect(command).toMatchObject({ type: 'ReserveStock', data: { reservationId: 'r1', lines: [{ quantity: 1 }] }, metadata: { correlationId: 'corr-9', actor: 'order' } });
  });

  it('reads a reservation sent as bare data, with the origin from the headers', () =>
    expect(reserveStockFrom({ reservationId: 'r1', orderId: 'o1', lines: [{ locationId: 'x', sku: 'A', quantity: 1 }] }, origin).metadata.correlationId).toBe('corr-1'));

  it('names every wrong field, nested ones by their path', () =>
    expect(() => reserveStockFrom({ reservationId: 'r1', lines: [{ locationId: 'x', sku: 7, quantity: 1 }] }, origin)).toThrow(
      expect.objectContaining({ kind: 'validation', errors: [{ path: 'orderId', message: expect.any(String) }, { path: 'lines.0.sku', message: expect.any(String) }] }) as unknown as Error,
    ));

  it('wants lat and lon together, within range', () => {
    expect(() => availabilityFrom({ skus: ['A'], lat: 48 })).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: 'lon' })] }) as unknown as Error);
    expect(() => availabilityFrom({ skus: ['A'], lat: 91, lon: 0 })).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: 'lat' })] }) as unknown as Error);
    expect(availabilityFrom({ skus: ['A'], lat: 48, lon: 2 })).toEqual({ skus: ['A'], lat: 48, lon: 2 });
  });

  it('pages by 50 unless told, never more than 200', () => {
    expect(pageFrom(undefined)).toEqual({ limit: 50 });
    expect(() => pageFrom({ limit: 201 })).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: 'limit' })] }) as unknown as Error);
  });
});
