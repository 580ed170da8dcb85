import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../src/app/mail/mail-jobs.ts';

// ADR 0010 §5: the wait before the next delivery attempt doubles per failed attempt, at most an hour.
describe('retryDelayMs', () => {
  it('waits the configured delay after the first failure and doubles after each further one', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(30, attempts))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
  });

  it('never waits more than an hour', () => {
    expect(retryDelayMs(30, 12)).toBe(3_600_000);
    expect(retryDelayMs(5000, 1)).toBe(3_600_000);
  });
});
