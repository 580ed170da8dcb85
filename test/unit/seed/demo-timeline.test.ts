import { describe, expect, it } from 'vitest';
import { SCENARIOS, type Scenario, type Step } from '../../../src/seed/demo-scenarios.ts';
import { buildScenario, emptyRows } from '../../../src/seed/demo-timeline.ts';

// The demo timeline asks the lifecycle (decide()) for every change of status, so an impossible history
// in demo-scenarios.ts must fail the seed with a message naming the scenario, never load odd data.

const NOW = new Date('2026-03-10T09:30:00.000Z');
const TAILSPIN = SCENARIOS.find((s) => s.tenant === 'tailspin' && s.engagement === 'SEC-WS')!;
const build = (steps: readonly Step[], expect: Scenario['expect'] = 'claimed') =>
  buildScenario({ ...TAILSPIN, claimedAt: -50, steps, expect }, NOW, emptyRows());

describe('demo timeline', () => {
  it('replays every demo scenario to its expected status', () => {
    const rows = emptyRows();
    for (const scenario of SCENARIOS) buildScenario(scenario, NOW, rows);
    expect(rows.nominations.map((n) => n.status)).toEqual(SCENARIOS.map((s) => s.expect));
  });

  it('fails on an event the lifecycle refuses, naming the scenario and the refusal', () => {
    expect(() => build([['approve', -40]])).toThrow(
      /demo scenario Tailspin Toys, .* \(trey\/SEC-WS\/tailspin\): approve at .* is refused from claimed: InvalidTransition/,
    );
    // The consent window (30 days from day -50) closed on day -20.
    expect(() =>
      build([
        ['requestConsent', -49],
        ['acceptConsent', -10],
      ]),
    ).toThrow(/acceptConsent at .* is refused from consent_pending: DeadlinePassed \(deadline /);
  });

  it('runs a sweep just after its deadline, and refuses a day on it', () => {
    const rows = emptyRows();
    buildScenario(
      { ...TAILSPIN, claimedAt: -50, steps: [['expireConsent']], expect: 'consent_expired' },
      NOW,
      rows,
    );
    const [record] = rows.nominations;
    expect(new Date(record!.ended_at!).getTime() - new Date(record!.consent_due_at).getTime()).toBe(
      10 * 60 * 1000,
    );
    expect(() => build([['expireConsent', -10]], 'consent_expired')).toThrow(/expireConsent is a sweep/);
  });

  it('starts a workshop claim only where a submission would be accepted', () => {
    expect(() => build([['startClaim', -40]])).toThrow(/startClaim where no claim could be submitted/);
  });
});
