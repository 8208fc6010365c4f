import { DEFAULT_RETRY_SCHEDULE, nextStep, parseDuration, parseRetrySchedule, shouldDisable, withJitter } from './retry-schedule';

const now = new Date('2026-01-01T00:00:00Z');
const failure = { ok: false as const, status: 500, error: 'HTTP 500' };

describe('Retry schedule › given a schedule text', () => {
  it('when it lists durations with units, then they are milliseconds', () => expect(parseRetrySchedule('50ms, 2s,1m,1h,1d')).toEqual([50, 2000, 60_000, 3_600_000, 86_400_000]));
  it('when an item is not a duration, then it is refused naming it', () => expect(() => parseRetrySchedule('5s,soon')).toThrow(/"soon"/));
  it('when it is empty, then it is refused', () => expect(() => parseRetrySchedule(' , ')).toThrow(/at least one/));
  it('when a duration is zero, then it is not a duration', () => expect(parseDuration('0s')).toBeUndefined());
  it('when it is the default, then the first retry comes within 10 s and all of them, jittered down, span more than 24 h', () => {
    const schedule = parseRetrySchedule(DEFAULT_RETRY_SCHEDULE);
    expect(withJitter(schedule[0], 1)).toBeLessThanOrEqual(10_000);
    expect(schedule.reduce((sum, ms) => sum + withJitter(ms, 0), 0)).toBeGreaterThan(24 * 3_600_000);
  });
});

describe('Retry schedule › given an attempt', () => {
  const schedule = [1000, 10_000, 60_000];

  it('when it got a 2xx, then the delivery is delivered', () => expect(nextStep(1, { ok: true, status: 204 }, schedule, now, 0.5)).toEqual({ status: 'delivered' }));
  it('when the first attempt fails, then the next comes after the first pause', () =>
    expect(nextStep(1, failure, schedule, now, 0.5)).toEqual({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 1000) }));
  it('when a later attempt fails, then the pause grows', () =>
    expect(nextStep(3, failure, schedule, now, 0.5)).toEqual({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 60_000) }));
  it('when the attempt after the last pause fails, then the delivery has failed', () => expect(nextStep(4, failure, schedule, now, 0.5)).toEqual({ status: 'failed' }));
  it('when jitter is drawn, then the pause stays within 20 % of the schedule', () => {
    expect(withJitter(10_000, 0)).toBe(8000);
    expect(withJitter(10_000, 0.999999)).toBeLessThanOrEqual(12_000);
  });
});

describe('Endpoint health › given an endpoint failing since some time', () => {
  const fiveDays = 5 * 86_400_000;
  it('when it has failed for less than five days, then it stays active', () => expect(shouldDisable(new Date(now.getTime() - fiveDays + 1), now, fiveDays)).toBe(false));
  it('when it has failed for five days, then it is disabled', () => expect(shouldDisable(new Date(now.getTime() - fiveDays), now, fiveDays)).toBe(true));
});
