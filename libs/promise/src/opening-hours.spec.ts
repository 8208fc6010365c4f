import { promiseProfileViolations, weeklyIntervalsOf } from './opening-hours';
import { instantOf, isTimeZone, localTimeOf } from './zoned-time';

const paths = (profile: Parameters<typeof promiseProfileViolations>[0]) => promiseProfileViolations(profile).map((e) => e.path);

describe('Location promise fields › validation', () => {
  it('accepts a full, valid profile', () =>
    expect(
      paths({
        timezone: 'Europe/Paris',
        openingHours: { mon: [['09:00', '12:00'], ['14:00', '19:30']], sat: [['10:00', '24:00']], sun: [] },
        pickupLeadMinutes: 90,
        dispatchCutoff: '15:00',
        rapidDelivery: { radiusKm: 3, minutes: 30 },
      }),
    ).toEqual([]));

  it('accepts no fields at all (every default)', () => expect(paths({})).toEqual([]));

  it('refuses a time zone the runtime does not know, or a bare offset', () => {
    expect(paths({ timezone: 'Europe/Atlantis' })).toEqual(['timezone']);
    expect(paths({ timezone: '+01:00' })).toEqual(['timezone']);
    expect(paths({ timezone: 42 })).toEqual(['timezone']);
  });

  it('names a clock that is not HH:MM', () => {
    expect(paths({ openingHours: { mon: [['9:00', '19:00']] } })).toEqual(['openingHours.mon.0.0']);
    expect(paths({ openingHours: { mon: [['09:00', '25:00']] } })).toEqual(['openingHours.mon.0.1']);
    expect(paths({ openingHours: { mon: [['24:00', '24:00']] } })).toEqual(['openingHours.mon.0.0']);
  });

  it('refuses an interval that closes before it opens', () => expect(paths({ openingHours: { tue: [['19:00', '09:00']] } })).toEqual(['openingHours.tue.0']));

  it('refuses overlapping intervals of one day, naming the later one', () =>
    expect(paths({ openingHours: { wed: [['13:00', '19:00'], ['09:00', '13:30']] } })).toEqual(['openingHours.wed.0']));

  it('accepts intervals that touch', () => expect(paths({ openingHours: { wed: [['09:00', '13:00'], ['13:00', '19:00']] } })).toEqual([]));

  it('refuses an unknown day and a malformed week', () => {
    expect(paths({ openingHours: { monday: [] } })).toEqual(['openingHours.monday']);
    expect(paths({ openingHours: [] })).toEqual(['openingHours']);
    expect(paths({ openingHours: { mon: '09:00-19:00' } })).toEqual(['openingHours.mon']);
    expect(paths({ openingHours: { mon: [['09:00']] } })).toEqual(['openingHours.mon.0']);
  });

  it('refuses lead minutes of zero, negative or fractional', () => {
    for (const pickupLeadMinutes of [0, -5, 1.5, '60']) expect(paths({ pickupLeadMinutes })).toEqual(['pickupLeadMinutes']);
  });

  it('refuses a cut-off that is not HH:MM', () => expect(paths({ dispatchCutoff: '3pm' })).toEqual(['dispatchCutoff']));

  it('names each wrong rapid-delivery field', () => {
    expect(paths({ rapidDelivery: { radiusKm: 0, minutes: 0 } })).toEqual(['rapidDelivery.radiusKm', 'rapidDelivery.minutes']);
    expect(paths({ rapidDelivery: 3 })).toEqual(['rapidDelivery']);
  });

  it('reads the week Monday first, sorted, with closed days empty', () =>
    expect(weeklyIntervalsOf({ tue: [['14:00', '19:00'], ['09:00', '12:00']] })).toEqual([[], [[540, 720], [840, 1140]], [], [], [], [], []]));
});

describe('Zoned time', () => {
  it('knows real IANA zones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('converts a Paris local time to the instant, winter and summer', () => {
    const day = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);
    expect(new Date(instantOf('Europe/Paris', day('2026-01-15'), 9 * 60)).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(new Date(instantOf('Europe/Paris', day('2026-07-15'), 9 * 60)).toISOString()).toBe('2026-07-15T07:00:00.000Z');
  });

  it('moves a time skipped by the spring-forward change past the gap', () => {
    const day = Math.floor(Date.parse('2026-03-29') / 86_400_000);
    expect(new Date(instantOf('Europe/Paris', day, 150)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads the local day and minute of an instant just after midnight in Paris', () =>
    expect(localTimeOf('Europe/Paris', Date.parse('2026-06-01T22:30:00Z'))).toEqual({ day: Math.floor(Date.parse('2026-06-02') / 86_400_000), minute: 30 }));
});
