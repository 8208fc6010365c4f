import type { DomainError } from '@oms/contracts';
import type { LocationView } from '@oms/contracts/inventory.contracts';
import { deciderSpec } from '@oms/testing/decider-spec';
import type { DefineLocation } from './location.commands';
import { decide, initialState, locationDecider, locationStreamId } from './location.decider';
import { InvalidLocation } from './location.errors';
import type { LocationDefined } from './location.events';

const given = deciderSpec(locationDecider);
const metadata = { correlationId: 'corr-1', actor: 'admin', now: '2024-05-01T09:00:00.000Z' };

const parisRivoli: LocationView = {
  locationId: 'paris-rivoli',
  name: 'Paris Rivoli',
  type: 'store',
  geo: { lat: 48.8606, lon: 2.3376 },
  capabilities: { pickup: true, shipFromStore: true, ship: false },
  capacityPerDay: 200,
  pickupHoldHours: 72,
  active: true,
};
const lyonDc: LocationView = {
  locationId: 'lyon-dc',
  name: 'Lyon DC',
  type: 'warehouse',
  geo: { lat: 45.764, lon: 4.8357 },
  capabilities: { pickup: false, shipFromStore: false, ship: true },
  capacityPerDay: 5000,
  pickupHoldHours: 72,
  active: true,
};

const define = (data: Partial<DefineLocation['data']> & { locationId?: string } = {}, base: LocationView = parisRivoli): DefineLocation => ({
  type: 'DefineLocation',
  data: { ...base, ...data },
  metadata,
});
const defined = (location: LocationView, definedAt = '2024-04-01T09:00:00.000Z'): LocationDefined => ({
  type: 'LocationDefined',
  data: { location, definedAt },
});

const refusalOf = (command: DefineLocation): DomainError => {
  try {
    decide(command, initialState);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('Location', () => {
  it('lives in the stream location-<locationId>', () => expect(locationStreamId('paris-rivoli')).toBe('location-paris-rivoli'));

  describe('defining a new location', () => {
    it('records the full definition with the time it was defined', () =>
      given([]).when(define()).then([defined(parisRivoli, metadata.now)]));

    it('accepts a warehouse that ships and offers neither pickup nor ship-from-store', () =>
      given([]).when(define({}, lyonDc)).then([defined(lyonDc, metadata.now)]));

    it('holds pickups for 72 hours when no hold time is given', () => {
      const { pickupHoldHours: _omitted, ...withoutHold } = parisRivoli;
      return given([]).when({ type: 'DefineLocation', data: withoutHold, metadata }).then([defined(parisRivoli, metadata.now)]);
    });

    it('accepts a fractional pickup hold time', () =>
      given([]).when(define({ pickupHoldHours: 0.5 })).then([defined({ ...parisRivoli, pickupHoldHours: 0.5 }, metadata.now)]));

    it('accepts a paused location with no daily capacity', () =>
      given([]).when(define({ active: false, capacityPerDay: 0 })).then([defined({ ...parisRivoli, active: false, capacityPerDay: 0 }, metadata.now)]));

    it('keeps fields the caller sent beyond the location out of the event', () =>
      given([]).when(define({ extra: 'ignored' } as Partial<DefineLocation['data']>)).then([defined(parisRivoli, metadata.now)]));

    it('is defined afterwards', () =>
      given([]).when(define()).thenState((state) => expect(state).toEqual({ status: 'defined', location: parisRivoli })));
  });

  describe('replacing a location', () => {
    it('records the new definition when something changed', () =>
      given([defined(parisRivoli)]).when(define({ active: false })).then([defined({ ...parisRivoli, active: false }, metadata.now)]));

    it('records nothing when the definition is identical', () => given([defined(parisRivoli)]).when(define()).thenNothingHappens());

    it('records nothing when only the defaulted hold time is omitted', () => {
      const { pickupHoldHours: _omitted, ...withoutHold } = parisRivoli;
      return given([defined(parisRivoli)]).when({ type: 'DefineLocation', data: withoutHold, metadata }).thenNothingHappens();
    });

    it('records a move of the geo position', () =>
      given([defined(parisRivoli)])
        .when(define({ geo: { lat: 48.87, lon: 2.34 } }))
        .then([defined({ ...parisRivoli, geo: { lat: 48.87, lon: 2.34 } }, metadata.now)]));
  });

  describe('promise fields (opening hours, lead time, cut-off, rapid delivery)', () => {
    const promiseFields = {
      timezone: 'Europe/Paris',
      openingHours: { sun: [], mon: [['09:00', '19:30']] as [string, string][] },
      pickupLeadMinutes: 90,
      dispatchCutoff: '15:00',
      rapidDelivery: { radiusKm: 3, minutes: 30 },
    };

    it('records them with the definition, days in week order', () =>
      given([]).when(define(promiseFields)).then([defined({ ...parisRivoli, ...promiseFields, openingHours: { mon: [['09:00', '19:30']], sun: [] } }, metadata.now)]));

    it('records a change of opening hours alone', () =>
      given([defined({ ...parisRivoli, ...promiseFields })])
        .when(define({ ...promiseFields, openingHours: { mon: [['10:00', '19:30']] } }))
        .then([defined({ ...parisRivoli, ...promiseFields, openingHours: { mon: [['10:00', '19:30']] } }, metadata.now)]));

    it('records nothing when the same hours come again in another key order', () =>
      given([defined({ ...parisRivoli, ...promiseFields })]).when(define({ ...promiseFields, openingHours: { mon: [['09:00', '19:30']], sun: [] } })).thenNothingHappens());

    it('refuses an unknown time zone, overlapping intervals and a zero lead, naming each field', () =>
      expect(
        refusalOf(define({ timezone: 'Europe/Nowhere', openingHours: { mon: [['09:00', '13:00'], ['12:00', '19:00']] }, pickupLeadMinutes: 0 })).errors?.map((e) => e.path),
      ).toEqual(['timezone', 'openingHours.mon.1', 'pickupLeadMinutes']));

    it('refuses a weekday it does not know rather than dropping it', () =>
      expect(refusalOf(define({ openingHours: { monday: [['09:00', '19:00']] } as never })).errors?.map((e) => e.path)).toEqual(['openingHours.monday']));

    it('refuses rapid delivery without minutes', () =>
      expect(refusalOf(define({ rapidDelivery: { radiusKm: 3, minutes: 0 } })).errors?.map((e) => e.path)).toEqual(['rapidDelivery.minutes']));
  });

  describe('refusing a definition that breaks the rules', () => {
    it('refuses a warehouse that does not ship', () =>
      given([]).when(define({ capabilities: { pickup: false, shipFromStore: false, ship: false } }, lyonDc)).thenThrows(InvalidLocation, 'LOCATION.INVALID'));

    it('names every capability a warehouse cannot have', () =>
      expect(refusalOf(define({ capabilities: { pickup: true, shipFromStore: true, ship: false } }, lyonDc))).toMatchObject({
        kind: 'validation',
        errors: [
          { path: 'capabilities.ship', message: expect.any(String) },
          { path: 'capabilities.pickup', message: expect.any(String) },
          { path: 'capabilities.shipFromStore', message: expect.any(String) },
        ],
      }));

    it('refuses a store with the warehouse ship capability', () =>
      expect(refusalOf(define({ capabilities: { pickup: true, shipFromStore: false, ship: true } }))).toMatchObject({
        code: 'LOCATION.INVALID',
        kind: 'validation',
        errors: [{ path: 'capabilities.ship' }],
      }));

    it('refuses a negative daily capacity', () =>
      expect(refusalOf(define({ capacityPerDay: -1 }))).toMatchObject({ errors: [{ path: 'capacityPerDay' }] }));

    it('refuses a fractional daily capacity', () =>
      expect(refusalOf(define({ capacityPerDay: 1.5 }))).toMatchObject({ errors: [{ path: 'capacityPerDay' }] }));

    it('refuses a pickup hold time of zero hours', () =>
      expect(refusalOf(define({ pickupHoldHours: 0 }))).toMatchObject({ errors: [{ path: 'pickupHoldHours' }] }));

    it('refuses a negative pickup hold time', () =>
      expect(refusalOf(define({ pickupHoldHours: -2 }))).toMatchObject({ errors: [{ path: 'pickupHoldHours' }] }));

    it('refuses a latitude beyond the poles', () =>
      expect(refusalOf(define({ geo: { lat: 90.5, lon: 2 } }))).toMatchObject({ errors: [{ path: 'geo.lat' }] }));

    it('refuses a longitude beyond the antimeridian', () =>
      expect(refusalOf(define({ geo: { lat: 48, lon: -180.1 } }))).toMatchObject({ errors: [{ path: 'geo.lon' }] }));

    it('accepts the extreme valid coordinates', () =>
      given([]).when(define({ geo: { lat: -90, lon: 180 } })).then([defined({ ...parisRivoli, geo: { lat: -90, lon: 180 } }, metadata.now)]));

    it('names every broken field at once', () =>
      expect(refusalOf(define({ capacityPerDay: -5, pickupHoldHours: 0, geo: { lat: 91, lon: 181 } })).errors?.map((e) => e.path)).toEqual([
        'capacityPerDay',
        'pickupHoldHours',
        'geo.lat',
        'geo.lon',
      ]));

    it('refuses a replacement that breaks the rules', () =>
      given([defined(parisRivoli)]).when(define({ capacityPerDay: -1 })).thenThrows(InvalidLocation));
  });
});
