import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// Issue 6: on the demo data, every Complete-tab row of every workshop opens its (read-only) claim.
describeEachDatabase('the Complete tab', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });

  it('every row offers View workshop claim and its claim opens with the outcome, read-only', async () => {
    const engagements = (await ada.request({ method: 'GET', url: '/api/v1/engagements' })).json().value as {
      id: string;
      kind: string;
    }[];
    const outcomes = new Set<string>();
    let rows = 0;
    for (const engagement of engagements.filter((e) => e.kind === 'workshop')) {
      const list = await ada.request({
        method: 'GET',
        url: `/api/v1/engagements/${engagement.id}/customers?tab=complete&maxpagesize=500`,
      });
      expect(list.statusCode).toBe(200);
      for (const row of list.json().value as {
        nominationId: string;
        outcome: string;
        actions: string[];
      }[]) {
        rows += 1;
        outcomes.add(row.outcome);
        expect(row.actions).toEqual(['viewWorkshopClaim']);
        const claim = await ada.request({
          method: 'GET',
          url: `/api/v1/nominations/${row.nominationId}/claim`,
        });
        expect(claim.statusCode, claim.body).toBe(200);
        const body = claim.json();
        expect(body.status).toBe(row.outcome);
        expect(body.actions).not.toContain('submit');
        expect(body.actions).not.toContain('edit');
      }
    }
    expect(rows).toBeGreaterThan(0);
    // Every final outcome of spec §5 occurs in the demo.
    for (const outcome of [
      'approved',
      'rejected_final',
      'not_submitted_expired',
      'post_submission_expired',
      'dispute_expired',
      'cancelled',
    ])
      expect(outcomes).toContain(outcome);
  });
});
