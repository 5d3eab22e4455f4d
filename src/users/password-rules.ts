import crypto from 'node:crypto';
import type { Problem } from '../errors/app-error.ts';

/**
 * Password rules follow the NCSC's guidance (https://www.ncsc.gov.uk/collection/passwords): ask for
 * length, not complexity, and refuse the passwords attackers try first. Lengths count characters
 * (Unicode code points), so a passphrase in any script is measured fairly.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * The commonest passwords of 12 characters or more, from published lists of breached passwords
 * (shorter ones are refused by length already). Compared without regard to case.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '000000000000',
  '111111111111',
  '123123123123',
  '123456123456',
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '1234567890ab',
  '1234567890qwerty',
  '123456qwerty',
  '123qweasdzxc',
  '1q2w3e4r5t6y',
  '1q2w3e4r5t6y7u',
  '1qaz2wsx3edc',
  '1qazxsw23edc',
  'aaaaaaaaaaaa',
  'abc123abc123',
  'abcdefghijkl',
  'administrator',
  'administrator1',
  'asdfghjkl123',
  'changeme1234',
  'football1234',
  'iloveyou1234',
  'letmein12345',
  'monkey123456',
  'p@ssw0rd1234',
  'passw0rd1234',
  'password1234',
  'password12345',
  'password123!',
  'password123456',
  'passwordpassword',
  'princess1234',
  'qazwsxedcrfv',
  'qwerty123456',
  'qwerty1234567',
  'qwertyqwerty',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwertyuiopasdfgh',
  'starwars1234',
  'sunshine1234',
  'trustno1trustno1',
  'welcome12345',
  'welcome123456',
  'zaq12wsxcde3',
  'zxcvbnm12345',
  'zxcvbnmasdfghjkl',
]);

/** Length in characters (code points), not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Whether a password is one of the commonest (for tests and for the console's hints). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** Every rule the password breaks, each saying exactly which; an empty list when it is acceptable. */
export function passwordProblems(password: string, email: string): Problem[] {
  const problems: Problem[] = [];
  const problem = (message: string) => problems.push({ where: 'password', message });
  const length = characterCount(password);
  if (length < MIN_PASSWORD_LENGTH) {
    problem(`must be at least ${MIN_PASSWORD_LENGTH} characters long (it has ${length})`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    problem(`must be at most ${MAX_PASSWORD_LENGTH} characters long (it has ${length})`);
  }
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) {
    problem('must not be the same as the email address');
  }
  if (isCommonPassword(password)) {
    problem('is one of the most commonly used passwords, which are tried first: choose another');
  }
  return problems;
}

// No 0/O, 1/l/I: a generated password is often read off a terminal and typed.
const PASSWORD_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A random password of 20 characters from 57 (about 116 bits), in groups of five for typing:
 * `k7Qm2-xR9pa-...`.
 */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 5; i += 1)
      group += PASSWORD_ALPHABET.charAt(crypto.randomInt(PASSWORD_ALPHABET.length));
    groups.push(group);
  }
  return groups.join('-');
}
