import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Tx } from '@oms/event-store';

/**
 * Pickup codes: six digits from the cryptographic generator. The event stream
 * keeps only an HMAC of the code (a million codes are trivial to hash without
 * a key, not with one); the plaintext is sealed with AES-256-GCM in
 * `pickup_codes` so checkout and admin can show it again. Both keys derive
 * from one secret.
 */
export class PickupCodeVault {
  private readonly hashKey: Buffer;
  private readonly sealKey: Buffer;

  constructor(secret: string) {
    this.hashKey = createHash('sha256').update(`pickup-code-hash:${secret}`).digest();
    this.sealKey = createHash('sha256').update(`pickup-code-seal:${secret}`).digest();
  }

  /**
   * The configured secret, or else a random one stored once in the database
   * so that every instance (and every restart) hashes codes alike.
   */
  static async open(dataSource: DataSource, configured: string | undefined, warn: (message: string) => void): Promise<PickupCodeVault> {
    if (configured) return new PickupCodeVault(configured);
    await dataSource.query(`insert into pickup_code_keys (name, key) values ('development', $1) on conflict do nothing`, [randomBytes(32).toString('hex')]);
    const rows: Array<{ key: string }> = await dataSource.query(`select key from pickup_code_keys where name = 'development'`);
    warn('OMS_PICKUP_CODE_KEY is unset: pickup codes use a random development key stored in the database; set it in production');
    return new PickupCodeVault(rows[0].key);
  }

  draw(): string {
    return randomInt(0, 1_000_000).toString().padStart(6, '0');
  }

  hash(code: string): string {
    return createHmac('sha256', this.hashKey).update(code.trim()).digest('hex');
  }

  /** In the transaction that records the fulfilment ready: the code exists exactly when its event does. */
  async keep(tx: Tx, fulfilmentId: string, code: string, replace = false): Promise<void> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const sealed = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
    const value = [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64')).join('.');
    // A redrawn code replaces the old one in the transaction of its event; a retried "ready" keeps the first.
    const onConflict = replace ? 'on conflict (fulfilment_id) do update set sealed_code = excluded.sealed_code, created_at = now()' : 'on conflict do nothing';
    await tx.query(`insert into pickup_codes (fulfilment_id, sealed_code) values ($1, $2) ${onConflict}`, [fulfilmentId, value]);
  }

  open(sealedCode: string): string {
    const [iv, tag, sealed] = sealedCode.split('.').map((part) => Buffer.from(part, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  }
}
