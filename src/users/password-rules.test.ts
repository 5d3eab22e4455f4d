import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { argon2Hasher, DUMMY_HASH, HASH_OPTIONS } from './password-hasher.ts';
import {
  characterCount,
  generatePassword,
  isCommonPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  passwordProblems,
} from './password-rules.ts';

const EMAIL = 'jane.smith@example.org';
const messages = (password: string, email = EMAIL) => passwordProblems(password, email).map((p) => p.message);

describe('password rules', () => {
  it('accepts a long passphrase of ordinary words, without asking for symbols or digits', () => {
    expect(messages('correct horse battery staple')).toEqual([]);
    expect(messages('a'.repeat(11) + 'b')).toEqual([]);
  });

  it('refuses fewer than 12 characters, saying how many it has', () => {
    expect(messages('tr0ub4dor&3')).toEqual(['must be at least 12 characters long (it has 11)']);
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    const twelveEmoji = '🔑'.repeat(12);
    expect(characterCount(twelveEmoji)).toBe(12);
    expect(messages(twelveEmoji)).toEqual([]);
    expect(messages('🔑'.repeat(6))).toEqual(['must be at least 12 characters long (it has 6)']);
  });

  it(`refuses more than ${MAX_PASSWORD_LENGTH} characters`, () => {
    expect(messages('x'.repeat(MAX_PASSWORD_LENGTH))).toEqual([]);
    expect(messages('x'.repeat(MAX_PASSWORD_LENGTH + 1))).toEqual([
      'must be at most 256 characters long (it has 257)',
    ]);
  });

  it('refuses the email address as the password, whatever its case', () => {
    expect(messages('Jane.Smith@example.org')).toEqual(['must not be the same as the email address']);
  });

  it('refuses the commonest passwords, whatever their case', () => {
    expect(isCommonPassword('Password1234')).toBe(true);
    expect(messages('QWERTY123456')).toEqual([
      'is one of the most commonly used passwords, which are tried first: choose another',
    ]);
  });

  it('names every rule broken at once', () => {
    expect(messages('a@b.co', 'a@b.co')).toEqual([
      'must be at least 12 characters long (it has 6)',
      'must not be the same as the email address',
    ]);
  });

  it('generates passwords that meet the rules and differ each time', () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    expect(new Set(passwords).size).toBe(50);
    for (const password of passwords) {
      expect(password).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
      expect(passwordProblems(password, EMAIL)).toEqual([]);
      expect(characterCount(password)).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
    }
  });
});

describe('password hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await argon2Hasher.hash('correct horse battery staple');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await argon2Hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await argon2Hasher.verify(hash, 'correct horse battery stapler')).toBe(false);
  });

  it('keeps a dummy hash made with the same settings as real ones, so checking it costs the same', async () => {
    const dummy = parseOptions(DUMMY_HASH);
    expect(DUMMY_HASH.startsWith('$argon2id$')).toBe(true);
    expect(dummy).toMatchObject({
      memoryCost: HASH_OPTIONS.memoryCost,
      timeCost: HASH_OPTIONS.timeCost,
      parallelism: HASH_OPTIONS.parallelism,
    });
    expect(parseOptions(await argon2Hasher.hash('correct horse battery staple'))).toEqual(dummy);
  });
});
