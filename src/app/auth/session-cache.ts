import type { UserProfile } from '../store/users.ts';

/** A session as the database last said it was. */
export interface CachedSession {
  user: UserProfile;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

/**
 * Signed-in sessions kept in memory so that a read pays no session statement (issue 12, ADR 0017).
 * Entries are dropped by the database's change notices (a user, their roles, a session; '*' for all),
 * kept at most `maxAgeMs` whatever happens, bounded to `maxEntries` (least recently used goes first),
 * and the whole cache is off, and empty, whenever notices may have been missed.
 */
export class SessionCache {
  readonly #entries = new Map<string, CachedSession & { cachedAt: number }>();
  #listening = false;
  #generation = 0;

  constructor(
    readonly limits: { maxEntries: number; maxAgeMs: number } = { maxEntries: 10_000, maxAgeMs: 60_000 },
  ) {}

  get(idHash: string, nowMs: number): CachedSession | undefined {
    const entry = this.#entries.get(idHash);
    if (!entry) return undefined;
    this.#entries.delete(idHash);
    if (!this.#listening || nowMs - entry.cachedAt > this.limits.maxAgeMs) return undefined;
    this.#entries.set(idHash, entry);
    return entry;
  }

  /** Taken before reading a session from the database; `set` refuses what a notice may have outdated since. */
  get generation(): number {
    return this.#generation;
  }

  set(idHash: string, session: CachedSession, nowMs: number, readAtGeneration: number): void {
    if (!this.#listening || readAtGeneration !== this.#generation) return;
    this.#entries.delete(idHash);
    this.#entries.set(idHash, { ...session, cachedAt: nowMs });
    while (this.#entries.size > this.limits.maxEntries)
      this.#entries.delete(this.#entries.keys().next().value!);
  }

  /** A change notice: `session:<hash>`, `user:<id>`, or anything else (e.g. '*') for everything. */
  forget(notice: string): void {
    this.#generation++;
    const [kind, key] = [notice.slice(0, notice.indexOf(':')), notice.slice(notice.indexOf(':') + 1)];
    if (kind === 'session') this.#entries.delete(key);
    else if (kind === 'user') {
      for (const [idHash, entry] of this.#entries) if (entry.user.id === key) this.#entries.delete(idHash);
    } else this.#entries.clear();
  }

  /** Notices flow (true) or may be missed (false): either way, nothing cached before can be trusted. */
  listening(on: boolean): void {
    this.#generation++;
    this.#listening = on;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
