import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** What a session remembers between pages. Kept small: no personal data beyond a journey's answers. */
export interface SessionData {
  /** A one-time message shown on the next page (GOV.UK notification banner). */
  flash?: { heading: string; text?: string; kind?: 'success' | 'important' };
  /** Answers of a public question journey, by journey name. */
  journeys?: Record<string, Record<string, unknown>>;
  /** Anything a page keeps for the next (a console filter, say), by key. */
  [key: string]: unknown;
}

export interface Session {
  /** The SHA-256 of the cookie token; the token itself is never stored. */
  readonly id: string;
  readonly userId: number | null;
  readonly csrfToken: string;
  data: SessionData;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** How long a session lasts without use, and at most, by whether someone is signed in. */
export const SESSION_LIFETIMES = {
  staff: { idleMinutes: 60, absoluteHours: 12 },
  visitor: { idleMinutes: 120, absoluteHours: 24 },
} as const;

/** Only write `last_seen_at` once a minute, so browsing does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export function createSessionService(deps: { store: { db: Kysely<Database> }; now: () => Date }) {
  const db = deps.store.db;

  function expiry(userId: number | null, createdAt: Date, at: Date): string {
    const life = userId === null ? SESSION_LIFETIMES.visitor : SESSION_LIFETIMES.staff;
    const idle = at.getTime() + life.idleMinutes * 60_000;
    const absolute = createdAt.getTime() + life.absoluteHours * 3_600_000;
    return new Date(Math.min(idle, absolute)).toISOString();
  }

  async function insert(
    userId: number | null,
    data: SessionData,
  ): Promise<{ token: string; session: Session }> {
    const token = randomToken();
    const at = deps.now();
    const session: Session = {
      id: digest(token),
      userId,
      csrfToken: randomToken(),
      data,
      createdAt: at.toISOString(),
      expiresAt: expiry(userId, at, at),
    };
    await db
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: userId,
        csrf_token: session.csrfToken,
        data: JSON.stringify(data),
        created_at: session.createdAt,
        last_seen_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
    return { token, session };
  }

  return {
    /** Starts a session and returns the token for the cookie. */
    start(userId: number | null = null, data: SessionData = {}) {
      return insert(userId, data);
    },

    /** The live session for a cookie token, or undefined if there is none or it has expired. */
    async load(token: string): Promise<Session | undefined> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', digest(token))
        .executeTakeFirst();
      if (!row) return undefined;
      const at = deps.now();
      if (row.expires_at <= at.toISOString()) {
        await db.deleteFrom('sessions').where('id', '=', row.id).execute();
        return undefined;
      }
      if (at.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
        const expiresAt = expiry(row.user_id, new Date(row.created_at), at);
        await db
          .updateTable('sessions')
          .set({ last_seen_at: at.toISOString(), expires_at: expiresAt })
          .where('id', '=', row.id)
          .execute();
        row.expires_at = expiresAt;
      }
      return {
        id: row.id,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        data: parseData(row.data),
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },

    async saveData(session: Session): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ data: JSON.stringify(session.data) })
        .where('id', '=', session.id)
        .execute();
    },

    /**
     * Replaces a session with a new one for `userId` (signing in or out), keeping its data, so a
     * token seen before sign-in is worthless afterwards (session fixation).
     */
    async rotate(
      session: Session | undefined,
      userId: number | null,
    ): Promise<{ token: string; session: Session }> {
      if (session) await db.deleteFrom('sessions').where('id', '=', session.id).execute();
      const { flash, ...rest } = session?.data ?? {};
      // A visitor's journey answers do not follow them into a staff session, nor back out.
      const kept: SessionData = flash ? { flash } : {};
      return insert(userId, userId === session?.userId ? { ...rest, ...kept } : kept);
    },

    async destroy(session: Session): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', session.id).execute();
    },

    /** Ends every session of a user (when they are disabled or their password changes). */
    async endAllFor(userId: number): Promise<number> {
      const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Deletes expired sessions; the daily job calls this. Returns how many went. */
    async purgeExpired(): Promise<number> {
      const result = await db
        .deleteFrom('sessions')
        .where('expires_at', '<=', deps.now().toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function parseData(text: string): SessionData {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SessionData) : {};
  } catch {
    return {};
  }
}
