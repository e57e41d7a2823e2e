import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, built into Node: no native addon to build).
 * N = 2^15, r = 8, p = 1 costs 32 MiB and roughly 100 ms per hash, the OWASP recommendation
 * for scrypt; it runs on libuv's thread pool, so a login never blocks the event loop.
 * Stored as a PHC-style string, `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64), so the
 * parameters can be raised later and old hashes still verify.
 */
const PARAMS = { ln: 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Passwords from people, not files; a cap keeps a hostile 10 MB "password" from costing anything. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Buffer, ln: number, r: number, p: number, keyBytes: number): Promise<Buffer> {
  const N = 2 ** ln;
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly too small for N=2^15, r=8.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Why a password is not acceptable, or null when it is. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `password too short: at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `password too long: at most ${PASSWORD_MAX_LENGTH} characters`;
  return null;
}

/** A fresh hash with its own random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, PARAMS.ln, PARAMS.r, PARAMS.p, KEY_BYTES);
  return `$scrypt$ln=${PARAMS.ln},r=${PARAMS.r},p=${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * Whether `password` matches `stored`, compared in constant time. A malformed hash, or one with
 * parameters outside sane bounds (a tampered row must not make us allocate gigabytes), is a
 * mismatch, not an error.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = PHC.exec(stored);
  if (!match || password.length > PASSWORD_MAX_LENGTH) return false;
  const [ln, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (ln < 10 || ln > 20 || r < 1 || r > 16 || p < 1 || p > 4) return false;
  const salt = Buffer.from(match[4]!, 'base64');
  const expected = Buffer.from(match[5]!, 'base64');
  if (expected.length < KEY_BYTES) return false; // a truncated hash would match on its prefix
  const actual = await derive(password, salt, ln, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * A hash no password matches. Verifying against it when a username does not exist makes an
 * unknown name take as long as a wrong password, so response times do not reveal accounts.
 * Make one per app at start-up.
 */
export function makeDummyPasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString('base64'));
}
