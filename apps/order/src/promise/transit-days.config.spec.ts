import { parseTransitDays } from './transit-days.config';

describe('OMS_TRANSIT_DAYS', () => {
  it('defaults to 2 business days standard and 1 express', () => expect(parseTransitDays({})).toEqual({ standard: 2, express: 1 }));
  it('keeps the defaults when blank', () => expect(parseTransitDays({ OMS_TRANSIT_DAYS: ' ' })).toEqual({ standard: 2, express: 1 }));
  it('reads both speeds', () => expect(parseTransitDays({ OMS_TRANSIT_DAYS: '{"standard":3,"express":0}' })).toEqual({ standard: 3, express: 0 }));
  it('keeps the default of a speed left out', () => expect(parseTransitDays({ OMS_TRANSIT_DAYS: '{"standard":4}' })).toEqual({ standard: 4, express: 1 }));
  it.each(['nope', '[]', '{"standard":-1}', '{"express":1.5}', '{"rapid":1}'])('stops start-up on %s, naming the variable', (value) =>
    expect(() => parseTransitDays({ OMS_TRANSIT_DAYS: value })).toThrow(/OMS_TRANSIT_DAYS/));
});
