import { beforeAll, expect, it } from 'vitest';
import { sweepDeadlines } from '../../src/app/sweeps/deadline-sweep.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { locationId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { drainMail, latestConsentToken } from '../support/mail.ts';

const SEATTLE = locationId('trey-seattle');
const DAY = 24 * 3_600_000;

// Every claim transition of the lifecycle table (spec §5), driven through the API on both databases:
// partner actions, operator decisions, and the sweeps for the three claim-side deadlines. The
// workshop is created by the operator with no proof-of-execution requirement, so that each record can
// be submitted at once.
describeEachDatabase('the claim lifecycle through the API', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  let olga: Awaited<ReturnType<typeof signInAs>>;
  let workshop: string;
  const signIn = async () => {
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    olga = await signInAs(t().app, 'olga@program.example', 'demo');
  };
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    await signIn();
    const created = await olga.request({
      method: 'POST',
      url: '/api/v1/operator/engagements',
      payload: {
        code: 'LIFE-WS',
        kind: 'workshop',
        name: 'Lifecycle Workshop',
        solutionArea: 'Security',
        availability: 'active',
        poeRequirements: {
          findingsReport: false,
          invoice: false,
          partnerSurvey: false,
          customerSurvey: false,
        },
        rates: { A: 500000, B: 300000, C: 150000 },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    workshop = created.json().id;
  });

  /** A fresh customer added, sent for consent and accepted: an `active` record. */
  async function activeRecord(): Promise<string> {
    const { slug } = await freshCustomer(handle().db, { prefix: 'life' });
    const added = await ada.request({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: { origin: 'add', locationId: SEATTLE, engagementIds: [workshop], email: `it@${slug}.example` },
    });
    expect(added.statusCode, added.body).toBe(201);
    const nominationId = added.json().value[0].id as string;
    const sent = await ada.request({
      method: 'POST',
      url: `/api/v1/nominations/${nominationId}/consent-requests`,
      payload: {
        customerContact: { name: 'Lee', email: `lee@${slug}.example`, locale: 'en' },
        partnerContact: { name: 'Ada', email: 'ada@treyresearch.example' },
      },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    await drainMail(t());
    const token = await latestConsentToken(t(), `lee@${slug}.example`);
    const accepted = await t().app.inject({
      method: 'POST',
      url: `/api/v1/public/consent/${token}`,
      payload: { decision: 'accept' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return nominationId;
  }
  const partner = (id: string, action: 'submit' | 'cancel' | 'dispute', payload?: object) =>
    ada.request({
      method: 'POST',
      url: `/api/v1/nominations/${id}/claim/${action}`,
      ...(payload ? { payload } : {}),
    });
  const decide = (id: string, decision: 'approve' | 'reject' | 'requestInfo') =>
    olga.request({
      method: 'POST',
      url: `/api/v1/operator/claims/${id}/decisions`,
      payload: { decision, comment: `Operator says ${decision}.` },
    });
  const status = async (id: string) =>
    (
      await handle()
        .db.selectFrom('nominations')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;
  const actions = async (id: string) =>
    (
      await handle()
        .db.selectFrom('audit_events')
        .select('action')
        .where('nomination_id', '=', id)
        .orderBy('id')
        .execute()
    ).map((a) => a.action);

  it('submit → request info → resubmit → approve (payout at the consent rate)', async () => {
    const id = await activeRecord();
    expect((await partner(id, 'submit')).statusCode).toBe(200);
    expect(await status(id)).toBe('claim_submitted');
    expect((await decide(id, 'requestInfo')).statusCode).toBe(200);
    expect(await status(id)).toBe('action_required');
    expect((await partner(id, 'submit')).statusCode).toBe(200);
    expect(await status(id)).toBe('claim_submitted');
    expect((await decide(id, 'approve')).statusCode).toBe(200);
    expect(await status(id)).toBe('approved');
    expect(await actions(id)).toEqual(
      expect.arrayContaining(['submitClaim', 'startReview', 'requestInfo', 'resubmitClaim', 'approve']),
    );
    const record = await handle()
      .db.selectFrom('nominations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(record.payout_amount_minor).not.toBeNull();
    // Final: nothing more is possible.
    expect((await partner(id, 'cancel')).statusCode).toBe(409);
    expect((await decide(id, 'reject')).statusCode).toBe(409);
  });

  it('reject → dispute → reject is final; a second dispute is refused', async () => {
    const id = await activeRecord();
    await partner(id, 'submit');
    expect((await decide(id, 'reject')).statusCode).toBe(200);
    expect(await status(id)).toBe('rejected');
    const justification = {
      justification: 'The workshop was delivered on the agreed date with the customer.',
    };
    expect((await partner(id, 'dispute', justification)).statusCode).toBe(200);
    expect(await status(id)).toBe('disputed');
    expect((await decide(id, 'reject')).statusCode).toBe(200);
    expect(await status(id)).toBe('rejected_final');
    const again = await partner(id, 'dispute', justification);
    expect(again.statusCode).toBe(409);
  });

  it('cancel before the first submit; not after it', async () => {
    const id = await activeRecord();
    expect((await partner(id, 'cancel')).statusCode).toBe(200);
    expect(await status(id)).toBe('cancelled');
    const other = await activeRecord();
    await partner(other, 'submit');
    expect((await partner(other, 'cancel')).statusCode).toBe(409);
  });

  it('the sweeps end a claim not submitted, a dispute not filed and a review not finished, each once', async () => {
    const unsent = await activeRecord();
    const undisputed = await activeRecord();
    await partner(undisputed, 'submit');
    await decide(undisputed, 'reject');
    const unreviewed = await activeRecord();
    await partner(unreviewed, 'submit');
    const start = t().clock.now();
    t().clock.advance(31 * DAY); // past the dispute window
    await Promise.all([sweepDeadlines(t().ctx), sweepDeadlines(t().ctx)]);
    expect(await status(undisputed)).toBe('dispute_expired');
    expect(await status(unsent)).toBe('active');
    t().clock.set(new Date(start.getTime() + 91 * DAY)); // past the claim window
    await sweepDeadlines(t().ctx);
    expect(await status(unsent)).toBe('not_submitted_expired');
    expect(await status(unreviewed)).toBe('claim_submitted');
    t().clock.set(new Date(start.getTime() + 121 * DAY)); // past the review window
    await Promise.all([sweepDeadlines(t().ctx), sweepDeadlines(t().ctx)]);
    expect(await status(unreviewed)).toBe('post_submission_expired');
    for (const [id, event] of [
      [unsent, 'expireClaim'],
      [undisputed, 'expireDispute'],
      [unreviewed, 'expireReview'],
    ] as const)
      expect((await actions(id)).filter((a) => a === event)).toHaveLength(1);
    t().clock.set(start);
    await signIn();
  });
});
