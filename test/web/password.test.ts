import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/web/auth/password.js';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and nothing else', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    for (const wrong of ['correct horse battery stapl', 'Correct horse battery staple', '', 'correct horse battery staple ']) {
      expect(await verifyPassword(wrong, hash), wrong).toBe(false);
    }
  });

  it('salts every hash: one password, two hashes', async () => {
    const [a, b] = [await hashPassword('same password!'), await hashPassword('same password!')];
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password!', b)).toBe(true);
  });

  it('treats the same text typed in different Unicode forms as one password', async () => {
    const hash = await hashPassword('wachtwoord-café-2024'); // é as one code point
    expect(await verifyPassword('wachtwoord-cafe\u0301-2024', hash)).toBe(true); // e + combining accent
  });

  it('rejects malformed or tampered hashes instead of throwing or burning memory', async () => {
    const hash = await hashPassword('a long enough password');
    const tampered = [
      hash.replace('ln=15', 'ln=30'), // 2^30 · 8 · 128 bytes: would be 1 TiB
      hash.replace('r=8', 'r=99'),
      hash.slice(0, -10),
      'plain-text-password',
      '',
      hash.replace('$scrypt$', '$argon2id$'),
    ];
    for (const stored of tampered) expect(await verifyPassword('a long enough password', stored), stored).toBe(false);
  });

  it('accepts 12 to 1024 characters', () => {
    expect(passwordProblem('short')).toMatch(/too short/);
    expect(passwordProblem('x'.repeat(12))).toBeNull();
    expect(passwordProblem('x'.repeat(1025))).toMatch(/too long/);
  });
});
