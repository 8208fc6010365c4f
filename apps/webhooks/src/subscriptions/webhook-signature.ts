import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new signing secret as the Standard Webhooks specification writes it: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (bytes: Buffer = randomBytes(32)): string => `${PREFIX}${bytes.toString('base64')}`;

/** The HMAC key of a secret: the bytes of the base64 after `whsec_`. */
const keyOf = (secret: string): Buffer => {
  if (!secret.startsWith(PREFIX)) throw new Error('a webhook secret starts with whsec_');
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
};

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` for one secret. */
export const signWith = (secret: string, id: string, timestamp: number, body: string): string =>
  `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;

/**
 * The `webhook-signature` header: one signature per secret still valid,
 * space-separated, so a receiver holding either the new or the old secret
 * (during a rotation's overlap) accepts the delivery.
 */
export const signatureHeader = (secrets: readonly string[], id: string, timestamp: number, body: string): string =>
  secrets.map((secret) => signWith(secret, id, timestamp, body)).join(' ');
