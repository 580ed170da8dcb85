import type { EventType, NominationRecord } from '../../domain/lifecycle.ts';
import type { NominationStatus } from '../../domain/status.ts';
import type { DeadlineColumn } from '../../domain/transitions.ts';
import type { Scope } from './scope.ts';

// The deadline sweeps and reminders (spec §5, §4.3): batches of overdue records claimed with
// FOR UPDATE SKIP LOCKED, conditional updates, set-based writes; and the worker's housekeeping. The
// sweeps act across partners (SYSTEM_SCOPE); a partner's scope limits them to that partner.

/** A record past a deadline, as decide() reads it (sweeps grant no deadline: no windows). */
export interface OverdueRecord extends NominationRecord {
  id: string;
  partnerId: string;
  engagementId: string;
  tenantId: string;
}

/** One record a sweep ends: the conditional update expects it still in `from`. */
export interface SweepMove {
  id: string;
  from: NominationStatus;
  to: NominationStatus;
}

/** A consent request with reminders due: the reminder days (before the deadline) that fell due. */
interface DueReminder {
  requestId: string;
  days: number[];
}

export interface DeadlineSoon {
  nominationId: string;
  due: Date;
}

export interface SweepRepository {
  /**
   * Locks (FOR UPDATE SKIP LOCKED) up to `limit` records in one of `from` whose `deadline` has passed,
   * the longest overdue first. Two sweeps at once take disjoint records.
   */
  claimOverdue(
    scope: Scope,
    sweep: { from: readonly NominationStatus[]; deadline: DeadlineColumn },
    now: Date,
    limit: number,
  ): Promise<OverdueRecord[]>;
  /**
   * Ends the records in one statement: the conditional update on the expected from-status and an
   * audit event (by the system, action `event`) for each record it changed. Returns the ids changed.
   */
  endOverdue(scope: Scope, moves: readonly SweepMove[], event: EventType, now: Date): Promise<string[]>;

  /**
   * Open consent requests of records in `statuses` with reminder days (of the engagement's
   * reminder_days) that fell due since the request was made and were not sent yet.
   */
  dueReminders(
    scope: Scope,
    statuses: readonly NominationStatus[],
    now: Date,
    limit: number,
  ): Promise<DueReminder[]>;
  /** Marks the days sent, unless any of them already is: true for the one sweep that may send the reminder. */
  claimReminder(scope: Scope, requestId: string, days: readonly number[]): Promise<boolean>;
  /**
   * Records in `statuses` whose `deadline` falls in (now, horizon] and that have no partner notice
   * with this dedupe key yet (`${nominationId}${noticeKeySuffix}`).
   */
  deadlinesSoon(
    scope: Scope,
    deadline: { column: DeadlineColumn; statuses: readonly NominationStatus[]; noticeKeySuffix: string },
    window: { now: Date; horizon: Date },
    limit: number,
  ): Promise<DeadlineSoon[]>;

  /** The worker's housekeeping: deletes what expired (sessions and rate limits on real time, R36). */
  purgeExpired(before: { sessions: Date; idempotencyKeys: Date; rateLimits: Date }): Promise<void>;
}
