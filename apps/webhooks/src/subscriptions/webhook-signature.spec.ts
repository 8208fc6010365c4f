import { createHmac } from 'node:crypto';
import { newWebhookSecret, signatureHeader, signWith } from './webhook-signature';

describe('Webhook signature › given a secret', () => {
  // The example of the Standard Webhooks specification.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('when a payload is signed, then the signature is the specification’s example', () =>
    expect(signWith(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='));

  it('when a payload is signed, then it is HMAC-SHA256 keyed with the bytes after whsec_', () => {
    const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64');
    expect(signWith(secret, id, timestamp, body)).toBe(`v1,${expected}`);
  });

  it('when two secrets are valid, then the header holds both signatures, space-separated, the newest first', () => {
    const old = newWebhookSecret();
    expect(signatureHeader([secret, old], id, timestamp, body)).toBe(`${signWith(secret, id, timestamp, body)} ${signWith(old, id, timestamp, body)}`);
  });

  it('when a secret is made, then it is whsec_ and 32 bytes of base64', () => {
    const made = newWebhookSecret();
    expect(made).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(made.slice(6), 'base64')).toHaveLength(32);
  });

  it('when the secret lacks the prefix, then signing refuses it', () => expect(() => signWith('nope', id, timestamp, body)).toThrow(/whsec_/));
});
