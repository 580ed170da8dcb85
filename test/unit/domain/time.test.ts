import { describe, expect, it } from 'vitest';
import { addDays, DAY_MS, daysLeft, isOpen } from '../../../src/domain/index.ts';

const now = new Date('2025-03-01T10:00:00.000Z');
const plus = (ms: number) => new Date(now.getTime() + ms);

describe('daysLeft = ceil(remaining / 24 h), never below 0 (§5, R25)', () => {
  const cases: [string, number, number][] = [
    ['exactly 30 days', 30 * DAY_MS, 30],
    ['30 days and 1 ms', 30 * DAY_MS + 1, 31],
    ['30 days less 1 ms', 30 * DAY_MS - 1, 30],
    ['exactly 1 day', DAY_MS, 1],
    ['1 day and 1 ms', DAY_MS + 1, 2],
    ['1 ms', 1, 1],
    ['exactly the deadline', 0, 0],
    ['1 ms past the deadline', -1, 0],
    ['10 days past the deadline', -10 * DAY_MS, 0],
  ];
  for (const [name, remaining, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      expect(daysLeft(plus(remaining), now)).toBe(expected);
    });
  }
});

describe('addDays: calendar days in UTC, exactly days × 24 h', () => {
  it('adds whole days', () => {
    expect(addDays(new Date('2025-01-01T00:00:00Z'), 30)).toEqual(new Date('2025-01-31T00:00:00Z'));
    expect(addDays(new Date('2025-01-31T12:34:56.789Z'), 90)).toEqual(new Date('2025-05-01T12:34:56.789Z'));
  });
  it('is unaffected by daylight saving changes in any local time zone', () => {
    // 30 March 2025 is the EU switch to summer time; UTC has none.
    const start = new Date('2025-03-29T00:30:00Z');
    expect(addDays(start, 1).getTime() - start.getTime()).toBe(DAY_MS);
    expect(addDays(start, 1).toISOString()).toBe('2025-03-30T00:30:00.000Z');
  });
  it('handles a leap day and negative days', () => {
    expect(addDays(new Date('2024-02-28T00:00:00Z'), 1)).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(addDays(new Date('2024-03-01T00:00:00Z'), -1)).toEqual(new Date('2024-02-29T00:00:00Z'));
  });
  it('does not mutate its argument', () => {
    const d = new Date('2025-01-01T00:00:00Z');
    addDays(d, 5);
    expect(d.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('isOpen: open strictly before the deadline (quality §3.12)', () => {
  const due = plus(0);
  it('deadline − 1 s is open', () => expect(isOpen(due, plus(-1000))).toBe(true));
  it('deadline − 1 ms is open', () => expect(isOpen(due, plus(-1))).toBe(true));
  it('exactly the deadline is closed', () => expect(isOpen(due, plus(0))).toBe(false));
  it('deadline + 1 s is closed', () => expect(isOpen(due, plus(1000))).toBe(false));
});
