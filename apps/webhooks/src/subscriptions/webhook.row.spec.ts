import { signingSecrets } from './webhook.row';

describe('Signing secrets › given a webhook whose secret was rotated', () => {
  const now = new Date('2026-01-02T00:00:00Z');
  const rotated = (until: string) => ({ secret: 'whsec_new', previous_secret: 'whsec_old', previous_secret_until: new Date(until) });

  it('when the overlap still runs, then both the new and the old secret sign, the new first', () =>
    expect(signingSecrets(rotated('2026-01-02T12:00:00Z'), now)).toEqual(['whsec_new', 'whsec_old']));
  it('when the overlap has ended, then only the new secret signs', () => expect(signingSecrets(rotated('2026-01-01T23:59:59Z'), now)).toEqual(['whsec_new']));
  it('when it was never rotated, then its one secret signs', () =>
    expect(signingSecrets({ secret: 'whsec_only', previous_secret: null, previous_secret_until: null }, now)).toEqual(['whsec_only']));
});
