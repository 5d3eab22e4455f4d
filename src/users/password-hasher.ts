import { hash, verify, type Options } from '@node-rs/argon2';

/** Hashing and checking passwords: the one crypto edge of the users service, passed in so tests can watch it. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

/**
 * Argon2id (the package's default algorithm: its `Algorithm` const enum has no value at run time to
 * name it with; a test checks the hashes say `$argon2id$`) with OWASP's first recommended setting:
 * 19 MiB, 2 passes, 1 lane.
 */
export const HASH_OPTIONS = {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options;

/**
 * A hash of a random password nobody knows, made with `HASH_OPTIONS`. Sign-in checks an unknown
 * email's password against it, so that answering takes as long as for an account that exists.
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$wX3KTmE1/5kp+TZt9WWpKQ$p2RawMQaEdHnB+qozwbX3saol6SoKl6Q6WEcVi392VM';

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, HASH_OPTIONS),
  verify: (passwordHash, password) => verify(passwordHash, password),
};
