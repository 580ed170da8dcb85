import { describe, expect, it } from 'vitest';
import { type CachedSession, SessionCache } from '../../../src/app/auth/session-cache.ts';

const session = (userId: string): CachedSession => ({
  user: {
    id: userId,
    email: `${userId}@example.com`,
    displayName: userId,
    locale: null,
    theme: null,
    kind: 'partnerUser',
    partner: { id: 'p', name: 'P' },
    isAccountAdmin: false,
    roles: [],
  },
  csrfToken: 'csrf',
  expiresAt: new Date(10_000_000),
  lastSeenAt: new Date(0),
});

describe('session cache (ADR 0017)', () => {
  const listening = (limits = { maxEntries: 3, maxAgeMs: 1_000 }) => {
    const cache = new SessionCache(limits);
    cache.listening(true);
    return cache;
  };

  it('holds nothing while the change notices may be missed', () => {
    const cache = new SessionCache();
    cache.set('h1', session('u1'), 0, cache.generation);
    expect(cache.get('h1', 0)).toBeUndefined();
    const on = listening();
    on.set('h1', session('u1'), 0, on.generation);
    expect(on.get('h1', 0)?.user.id).toBe('u1');
    on.listening(false);
    expect(on.get('h1', 0)).toBeUndefined();
  });

  it('keeps an entry at most maxAgeMs and at most maxEntries, the least recently used going first', () => {
    const cache = listening();
    for (const h of ['h1', 'h2', 'h3']) cache.set(h, session(h), 0, cache.generation);
    expect(cache.get('h1', 500)).toBeDefined();
    cache.set('h4', session('h4'), 0, cache.generation);
    expect(cache.get('h2', 500)).toBeUndefined();
    expect(cache.size).toBe(3);
    expect(cache.get('h1', 1_001)).toBeUndefined();
  });

  it('forgets a session, every session of a user, or everything', () => {
    const cache = listening({ maxEntries: 10, maxAgeMs: 1_000 });
    cache.set('a1', session('ua'), 0, cache.generation);
    cache.set('a2', session('ua'), 0, cache.generation);
    cache.set('b1', session('ub'), 0, cache.generation);
    cache.forget('session:b1');
    expect(cache.get('b1', 0)).toBeUndefined();
    cache.forget('user:ua');
    expect(cache.size).toBe(0);
    cache.set('b1', session('ub'), 0, cache.generation);
    cache.forget('*');
    expect(cache.size).toBe(0);
  });

  it('refuses what was read before a notice arrived (the read may predate the change)', () => {
    const cache = listening();
    const readAt = cache.generation;
    cache.forget('user:someone-else');
    cache.set('h1', session('u1'), 0, readAt);
    expect(cache.get('h1', 0)).toBeUndefined();
  });
});
