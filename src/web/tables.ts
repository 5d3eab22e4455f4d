/** A browser session; the cookie carries a random token and `id` is its SHA-256 (base64url). */
export interface SessionTable {
  id: string;
  /** The signed-in staff user, or null for a visitor to the privacy centre. */
  user_id: number | null;
  /** The token every form must carry back (synchroniser token against cross-site requests). */
  csrf_token: string;
  /** JSON: what the session remembers between pages (a public journey's answers, a flash message). */
  data: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SessionTables {
  sessions: SessionTable;
}
