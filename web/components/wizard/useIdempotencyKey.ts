import { useRef } from 'react';

/**
 * One Idempotency-Key per request body: a retry of the same body reuses it (the server acts once), a
 * changed body (after going back and changing something) gets a new one.
 */
export function useIdempotencyKey(): (body: object) => string {
  const attempt = useRef<{ body: string; key: string } | null>(null);
  return (body) => {
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: crypto.randomUUID() };
    return attempt.current.key;
  };
}
