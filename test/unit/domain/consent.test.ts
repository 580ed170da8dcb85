import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONSENT_REMINDER_DAYS,
  reminderTimes,
  resendRetryAfterSeconds,
} from '../../../src/domain/index.ts';
import { day } from './fixtures.ts';

describe('R29: one resend per record per hour', () => {
  const sent = day(1);
  const later = (ms: number) => new Date(sent.getTime() + ms);
  it('allowed when never sent, or an hour or more after the last send', () => {
    expect(resendRetryAfterSeconds(null, sent)).toBe(0);
    expect(resendRetryAfterSeconds(sent, later(3_600_000))).toBe(0);
    expect(resendRetryAfterSeconds(sent, later(3_600_001))).toBe(0);
  });
  it('Retry-After rounds up to whole seconds', () => {
    expect(resendRetryAfterSeconds(sent, later(0))).toBe(3600);
    expect(resendRetryAfterSeconds(sent, later(3_599_999))).toBe(1);
    expect(resendRetryAfterSeconds(sent, later(1_800_000))).toBe(1800);
  });
});

describe('consent reminders (§4.3: 7 and 2 days before the deadline)', () => {
  it('schedules the defaults, earliest first', () => {
    expect(reminderTimes(day(30), DEFAULT_CONSENT_REMINDER_DAYS, day(0))).toEqual([day(23), day(28)]);
  });
  it('skips reminders that would fall before the start, duplicates and non-positive offsets', () => {
    expect(reminderTimes(day(5), [7, 2, 2, 0, -1], day(0))).toEqual([day(3)]);
  });
});
