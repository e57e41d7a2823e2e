import { createHmac, randomBytes } from 'node:crypto';

/** Turns a phone number into an opaque key for linking across ads in analytics. */
export type PhoneHasher = (e164: string) => string;

/** ZICHT_EXPORT_KEY must be at least this long: a short key is guessable, and with it every number. */
export const MIN_EXPORT_KEY_LENGTH = 32;

/**
 * HMAC-SHA256 of the E.164 number under the export key. Unkeyed hashing would not protect
 * anything: there are only about 10^9 Dutch numbers, so a plain SHA-256 is reversed by trying
 * them all. With a key, the hash says nothing without the key.
 *
 * Without a key (ZICHT_EXPORT_KEY unset) a random one is made per call: the exports only count
 * distinct hashes and never contain one, so counts are the same under any key, and nothing
 * secret needs storing. Set the key only if hashes must stay comparable across runs.
 */
export function createPhoneHasher(key?: string): PhoneHasher {
  if (key !== undefined && key.length < MIN_EXPORT_KEY_LENGTH) {
    throw new Error(`the export key must have at least ${MIN_EXPORT_KEY_LENGTH} characters`);
  }
  const secret = key ?? randomBytes(32).toString('hex');
  return (e164) => createHmac('sha256', secret).update(e164).digest('base64url');
}
