import { readWebhooksConfig } from './webhooks-config';

describe('Webhooks configuration › given the environment', () => {
  it('when nothing is set, then retries span more than a day, private addresses are refused and attempts time out after 10 s', () => {
    const config = readWebhooksConfig({});
    expect(config).toMatchObject({ allowPrivate: false, timeoutMs: 10_000, disableAfterMs: 5 * 86_400_000, secretOverlapMs: 86_400_000, retentionMs: 30 * 86_400_000 });
    expect(config.retryScheduleMs.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * 3_600_000);
  });
  it('when a schedule is set, then it is used', () => expect(readWebhooksConfig({ OMS_WEBHOOK_RETRY_SCHEDULE: '50ms,1s' }).retryScheduleMs).toEqual([50, 1000]));
  it('when private destinations are allowed, then they are', () => expect(readWebhooksConfig({ OMS_WEBHOOK_ALLOW_PRIVATE: 'true' }).allowPrivate).toBe(true));
  it.each([
    ['OMS_WEBHOOK_RETRY_SCHEDULE', '5s,later'],
    ['OMS_WEBHOOK_ALLOW_PRIVATE', 'yes please'],
    ['OMS_WEBHOOK_TIMEOUT_MS', '-1'],
    ['OMS_WEBHOOK_DISABLE_AFTER', 'five days'],
  ])('when %s is "%s", then start-up stops naming it', (name, value) => expect(() => readWebhooksConfig({ [name]: value })).toThrow(name));
});
