import type { LocationPromiseProfile, OpeningHours } from '@oms/contracts';
import { DEFAULT_TRANSIT_DAYS, parcelPromise, pickupPromise, rapidPromise, shipToStorePromise } from './promise-rules';

/** Paris times are written with their offset: +02:00 in summer, +01:00 in winter. */
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

const nineToSeven: OpeningHours = {
  mon: [['09:00', '19:00']], tue: [['09:00', '19:00']], wed: [['09:00', '19:00']], thu: [['09:00', '19:00']],
  fri: [['09:00', '19:00']], sat: [['09:00', '19:00']], sun: [],
};
const rivoli: LocationPromiseProfile = { timezone: 'Europe/Paris', openingHours: nineToSeven, pickupLeadMinutes: 120 };

const readyBy = (store: LocationPromiseProfile, orderedAt: string) => iso(pickupPromise(store, at(orderedAt))?.by);

describe('Promise › pickup of stock held at the store', () => {
  describe('given a store open 09:00–19:00 with a 120-minute lead (the worked examples)', () => {
    it('is ready at 12:00 when ordered at 10:00', () => expect(readyBy(rivoli, '2026-06-02T10:00:00+02:00')).toBe(iso(at('2026-06-02T12:00:00+02:00'))));
    it('is ready at 10:00 the next open day when ordered at 18:00', () => expect(readyBy(rivoli, '2026-06-02T18:00:00+02:00')).toBe(iso(at('2026-06-03T10:00:00+02:00'))));
    it('is ready at 11:00 when ordered at 07:00, before opening', () => expect(readyBy(rivoli, '2026-06-02T07:00:00+02:00')).toBe(iso(at('2026-06-02T11:00:00+02:00'))));
  });

  it('is ready at closing time when the lead ends exactly then', () => expect(readyBy(rivoli, '2026-06-02T17:00:00+02:00')).toBe(iso(at('2026-06-02T19:00:00+02:00'))));

  it('runs the lead from Monday opening when ordered on Saturday evening, the store being closed on Sunday', () =>
    expect(readyBy(rivoli, '2026-06-06T18:30:00+02:00')).toBe(iso(at('2026-06-08T10:30:00+02:00'))));

  it('runs the lead from Monday opening when ordered on Sunday', () => expect(readyBy(rivoli, '2026-06-07T12:00:00+02:00')).toBe(iso(at('2026-06-08T11:00:00+02:00'))));

  it('pauses the lead over a lunch break', () => {
    const lunch: LocationPromiseProfile = { ...rivoli, openingHours: { tue: [['14:00', '19:00'], ['09:00', '12:00']] } };
    expect(readyBy(lunch, '2026-06-02T11:00:00+02:00')).toBe(iso(at('2026-06-02T15:00:00+02:00')));
  });

  it('carries a long lead over several days', () =>
    expect(readyBy({ ...rivoli, pickupLeadMinutes: 1500 }, '2026-06-05T09:00:00+02:00')).toBe(iso(at('2026-06-08T14:00:00+02:00'))));

  it('takes 120 minutes of UTC clock time when the store gives no hours, zone or lead', () => expect(readyBy({}, '2026-06-07T23:30:00Z')).toBe('2026-06-08T01:30:00.000Z'));

  it('promises nothing when the store never opens', () => expect(readyBy({ ...rivoli, openingHours: {} }, '2026-06-02T10:00:00+02:00')).toBeUndefined());

  it('reads the hours in the store\'s own zone', () =>
    expect(readyBy({ ...rivoli, timezone: 'America/New_York' }, '2026-06-02T10:00:00-04:00')).toBe(iso(at('2026-06-02T12:00:00-04:00'))));

  describe('across daylight-saving changes in Europe/Paris', () => {
    it('counts the night of the spring-forward change (last Sunday of March) as closed and opens at 09:00 summer time', () =>
      expect(readyBy(rivoli, '2026-03-28T18:00:00+01:00')).toBe(iso(at('2026-03-30T10:00:00+02:00'))));

    it('counts the night of the fall-back change (last Sunday of October) as closed and opens at 09:00 winter time', () =>
      expect(readyBy(rivoli, '2026-10-24T18:00:00+02:00')).toBe(iso(at('2026-10-26T10:00:00+01:00'))));

    it('runs a lead through the skipped hour of a store open all night as 60 real minutes, not 120', () => {
      const allNight: LocationPromiseProfile = { timezone: 'Europe/Paris', openingHours: { sun: [['00:00', '24:00']] }, pickupLeadMinutes: 120 };
      // 01:30 CET + 120 minutes of opening = 04:30 CEST (the clock jumps from 02:00 to 03:00).
      expect(readyBy(allNight, '2026-03-29T01:30:00+01:00')).toBe(iso(at('2026-03-29T04:30:00+02:00')));
    });

    it('runs a lead through the repeated hour of a store open all night as real minutes', () => {
      const allNight: LocationPromiseProfile = { timezone: 'Europe/Paris', openingHours: { sun: [['00:00', '24:00']] }, pickupLeadMinutes: 120 };
      // 01:30 CEST + 120 minutes = 02:30 CET (02:00–03:00 happens twice).
      expect(readyBy(allNight, '2026-10-25T01:30:00+02:00')).toBe(iso(at('2026-10-25T02:30:00+01:00')));
    });
  });
});

describe('Promise › parcels (standard and express)', () => {
  const lyonDc: LocationPromiseProfile = {
    timezone: 'Europe/Paris',
    openingHours: { mon: [['06:00', '22:00']], tue: [['06:00', '22:00']], wed: [['06:00', '22:00']], thu: [['06:00', '22:00']], fri: [['06:00', '22:00']] },
    dispatchCutoff: '15:00',
  };
  const parcel = (source: LocationPromiseProfile, orderedAt: string, speed: 'standard' | 'express' = 'standard') => {
    const promised = parcelPromise(source, at(orderedAt), speed, DEFAULT_TRANSIT_DAYS);
    return { deliverBy: iso(promised?.by), dispatchBy: iso(promised?.dueBy) };
  };

  it('leaves the same day before the cut-off and arrives at 18:00 two business days later (standard)', () =>
    expect(parcel(lyonDc, '2026-06-02T14:59:00+02:00')).toEqual({ deliverBy: iso(at('2026-06-04T18:00:00+02:00')), dispatchBy: iso(at('2026-06-02T15:00:00+02:00')) }));

  it('leaves the next open day once the cut-off has passed', () =>
    expect(parcel(lyonDc, '2026-06-02T15:00:00+02:00')).toEqual({ deliverBy: iso(at('2026-06-05T18:00:00+02:00')), dispatchBy: iso(at('2026-06-03T15:00:00+02:00')) }));

  it('arrives one business day after dispatch when express', () =>
    expect(parcel(lyonDc, '2026-06-02T10:00:00+02:00', 'express').deliverBy).toBe(iso(at('2026-06-03T18:00:00+02:00'))));

  it('skips the weekend in transit: dispatched on Friday, standard arrives on Tuesday', () =>
    expect(parcel(lyonDc, '2026-06-05T10:00:00+02:00').deliverBy).toBe(iso(at('2026-06-09T18:00:00+02:00'))));

  it('leaves on Monday when ordered on Friday after the cut-off or at the weekend', () => {
    expect(parcel(lyonDc, '2026-06-05T16:00:00+02:00')).toEqual({ deliverBy: iso(at('2026-06-10T18:00:00+02:00')), dispatchBy: iso(at('2026-06-08T15:00:00+02:00')) });
    expect(parcel(lyonDc, '2026-06-06T10:00:00+02:00').dispatchBy).toBe(iso(at('2026-06-08T15:00:00+02:00')));
  });

  it('without a cut-off leaves the same open day, due by its closing', () =>
    expect(parcel({ ...lyonDc, dispatchCutoff: undefined }, '2026-06-02T21:00:00+02:00')).toEqual({
      deliverBy: iso(at('2026-06-04T18:00:00+02:00')),
      dispatchBy: iso(at('2026-06-02T22:00:00+02:00')),
    }));

  it('without hours or cut-off leaves the same UTC day, due by midnight', () =>
    expect(parcel({}, '2026-06-06T23:00:00Z')).toEqual({ deliverBy: '2026-06-09T18:00:00.000Z', dispatchBy: '2026-06-07T00:00:00.000Z' }));

  it('promises 18:00 summer time when transit crosses the spring-forward change', () =>
    expect(parcel(lyonDc, '2026-03-27T10:00:00+01:00').deliverBy).toBe(iso(at('2026-03-31T18:00:00+02:00'))));

  it('promises 18:00 winter time when transit crosses the fall-back change', () =>
    expect(parcel(lyonDc, '2026-10-23T10:00:00+02:00').deliverBy).toBe(iso(at('2026-10-27T18:00:00+01:00'))));

  it('follows the configured transit days', () =>
    expect(iso(parcelPromise(lyonDc, at('2026-06-02T10:00:00+02:00'), 'standard', { standard: 4, express: 1 })?.by)).toBe(iso(at('2026-06-08T18:00:00+02:00'))));

  it('promises nothing from a source that never opens', () => expect(parcelPromise({ openingHours: {} }, at('2026-06-02T10:00:00Z'), 'standard', DEFAULT_TRANSIT_DAYS)).toBeUndefined());
});

describe('Promise › ship-to-store', () => {
  const lyonDc: LocationPromiseProfile = { timezone: 'Europe/Paris', dispatchCutoff: '15:00', openingHours: { mon: [['06:00', '22:00']], tue: [['06:00', '22:00']], wed: [['06:00', '22:00']], thu: [['06:00', '22:00']], fri: [['06:00', '22:00']] } };
  const promise = (orderedAt: string, store: LocationPromiseProfile = rivoli) => {
    const promised = shipToStorePromise(lyonDc, store, at(orderedAt), DEFAULT_TRANSIT_DAYS);
    return { readyBy: iso(promised?.by), dispatchBy: iso(promised?.dueBy) };
  };

  it('is ready at the store two business days after dispatch, at opening plus its lead', () =>
    expect(promise('2026-06-02T10:00:00+02:00')).toEqual({ readyBy: iso(at('2026-06-04T11:00:00+02:00')), dispatchBy: iso(at('2026-06-02T15:00:00+02:00')) }));

  it('leaves the next open day after the source\'s cut-off', () => expect(promise('2026-06-02T16:00:00+02:00').readyBy).toBe(iso(at('2026-06-05T11:00:00+02:00'))));

  it('waits for the store to open when the goods arrive on a day it is closed', () => {
    const weekdaysOnly: LocationPromiseProfile = { ...rivoli, openingHours: { ...nineToSeven, sat: [], thu: [] } };
    expect(promise('2026-06-02T10:00:00+02:00', weekdaysOnly).readyBy).toBe(iso(at('2026-06-05T11:00:00+02:00')));
  });

  it('runs the transit over the weekend in business days: dispatched Friday, ready Tuesday', () => expect(promise('2026-06-05T10:00:00+02:00').readyBy).toBe(iso(at('2026-06-09T11:00:00+02:00'))));
});

describe('Promise › rapid delivery', () => {
  const rapidStore: LocationPromiseProfile = { ...rivoli, rapidDelivery: { radiusKm: 3, minutes: 30 } };
  const deliverBy = (orderedAt: string, store = rapidStore) => iso(rapidPromise(store, at(orderedAt))?.by);

  it('delivers 30 minutes after the order while the store is open', () => expect(deliverBy('2026-06-02T12:00:00+02:00')).toBe(iso(at('2026-06-02T12:30:00+02:00'))));
  it('delivers 30 minutes after opening when ordered before', () => expect(deliverBy('2026-06-02T07:00:00+02:00')).toBe(iso(at('2026-06-02T09:30:00+02:00'))));
  it('delivers 30 minutes after Monday opening when ordered on Sunday', () => expect(deliverBy('2026-06-07T12:00:00+02:00')).toBe(iso(at('2026-06-08T09:30:00+02:00'))));
  it('finishes the minutes the next morning when ordered just before closing', () => expect(deliverBy('2026-06-02T18:50:00+02:00')).toBe(iso(at('2026-06-03T09:20:00+02:00'))));
  it('is not offered by a store without rapid delivery', () => expect(deliverBy('2026-06-02T12:00:00+02:00', rivoli)).toBeUndefined());
});
