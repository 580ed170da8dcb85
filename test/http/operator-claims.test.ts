import { Readable } from 'node:stream';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { FileStore } from '../../src/app/ports.ts';
import { sweepDeadlines } from '../../src/app/sweeps/deadline-sweep.ts';
import { demoFiles, seedDemo } from '../../src/seed/demo.ts';
import { engagementId, userId } from '../../src/seed/demo-catalogue.ts';
import { demoNominationId } from '../../src/seed/demo-scenarios.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { drainMail } from '../support/mail.ts';

// The operator's side of workshop claims (issue 6, spec §4.4, §4.5, §5) on the demo data: the review
// queue, the claim detail and its files, and the decisions with their lifecycle, notices and payout.
const SEC = engagementId('SEC-WS');
const INF = engagementId('INF-MIG');
const ALPINE = demoNominationId('trey', 'SEC-WS', 'alpine'); // claim_submitted
const LUCERNE = demoNominationId('trey', 'SEC-WS', 'lucerne'); // under_review
const MARGIES = demoNominationId('trey', 'SEC-WS', 'margies'); // action_required
const GRAPHIC = demoNominationId('trey', 'SEC-WS', 'graphicdesign'); // disputed (Warsaw, Ben)
const PW_HUMONGOUS = demoNominationId('proseware', 'INF-MIG', 'humongous'); // claim_submitted
const TAILSPIN = demoNominationId('trey', 'SEC-WS', 'tailspin'); // claimed, no claim
const OLGA = userId('olga');
const DAY = 24 * 3_600_000;

type Client = Awaited<ReturnType<typeof signInAs>>;
interface QueueItem {
  nominationId: string;
  status: string;
  submittedAt: string;
  daysLeft: number | null;
  disputed: boolean;
  engagement: { id: string };
}

function memoryFileStore(): FileStore {
  const bytes = new Map(demoFiles().map((f) => [f.sha256, f.bytes]));
  return {
    put: async () => {
      throw new Error('read-only in this test');
    },
    get: async (sha256) => {
      const b = bytes.get(sha256);
      return b ? Readable.from([b]) : null;
    },
  };
}

describeEachDatabase('operator: review queue, claim detail, decisions', ({ handle }) => {
  const t = useTestApp(handle, { publicUrl: 'http://127.0.0.1:9' });
  let olga: Client;
  let ada: Client;
  let dan: Client;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    t().ctx.links = { baseUrl: 'http://127.0.0.1:9' };
    olga = await signInAs(t().app, 'olga@program.example', 'demo');
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
  });

  const queue = async (query = '', client = olga) => {
    const response = await client.request({ method: 'GET', url: `/api/v1/operator/claims${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { value: QueueItem[]; nextLink?: string };
  };
  const detail = async (id: string) => {
    const response = await olga.request({ method: 'GET', url: `/api/v1/operator/claims/${id}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const decide = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    olga.request({
      method: 'POST',
      url: `/api/v1/operator/claims/${id}/decisions`,
      payload: body as object,
      headers,
    });
  const nomination = (id: string) =>
    handle().db.selectFrom('nominations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('the default queue holds the claims awaiting the operator, oldest submission first', async () => {
    const { value, nextLink } = await queue();
    expect(nextLink).toBeUndefined();
    expect(new Set(value.map((v) => v.status))).toEqual(
      new Set(['claim_submitted', 'under_review', 'disputed']),
    );
    expect(value.map((v) => v.nominationId)).toEqual(
      expect.arrayContaining([ALPINE, LUCERNE, GRAPHIC, PW_HUMONGOUS]),
    );
    expect(value.map((v) => v.nominationId)).not.toContain(MARGIES);
    const sorted = [...value].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    expect(value).toEqual(sorted);
    const alpine = value.find((v) => v.nominationId === ALPINE)!;
    const row = await nomination(ALPINE);
    expect(alpine).toMatchObject({
      claimId: expect.any(String),
      partner: { name: 'Trey Research' },
      location: { mpnId: expect.any(String), name: expect.stringContaining('Seattle') },
      customer: { name: 'Alpine Ski House', tenantId: row.tenant_id },
      engagement: { id: SEC, name: 'Security Workshop' },
      status: 'claim_submitted',
      submittedAt: row.submitted_at!.toISOString(),
      firstSubmittedAt: row.first_submitted_at!.toISOString(),
      reviewDueAt: row.review_due_at!.toISOString(),
      daysLeft: Math.ceil((row.review_due_at!.getTime() - t().clock.now().getTime()) / DAY),
      disputed: false,
    });
    expect(value.find((v) => v.nominationId === GRAPHIC)?.disputed).toBe(true);
  });

  it('filters by status and engagement, and pages by keyset with an opaque nextLink', async () => {
    const inf = await queue(`?engagementId=${INF}`);
    expect(inf.value.map((v) => v.nominationId)).toEqual([PW_HUMONGOUS]);
    const approved = await queue('?status=approved');
    expect(approved.value.length).toBeGreaterThan(0);
    expect(approved.value.every((v) => v.status === 'approved' && v.daysLeft === null)).toBe(true);
    const two = await queue('?status=action_required,rejected');
    expect(new Set(two.value.map((v) => v.status))).toEqual(new Set(['action_required', 'rejected']));

    const all =
      'claim_submitted,under_review,action_required,disputed,approved,rejected,rejected_final,post_submission_expired,dispute_expired';
    const whole = await queue(`?status=${all}`);
    const paged: QueueItem[] = [];
    let url: string | undefined = `/api/v1/operator/claims?status=${all}&maxpagesize=2`;
    let pages = 0;
    while (url) {
      const response = await olga.request({ method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { value: QueueItem[]; nextLink?: string };
      expect(page.value.length).toBeLessThanOrEqual(2);
      paged.push(...page.value);
      url = page.nextLink;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(whole.value.length / 2));
    expect(paged.map((v) => v.nominationId)).toEqual(whole.value.map((v) => v.nominationId));

    for (const bad of [
      '?status=nope',
      '?status=claimed',
      '?cursor=garbage',
      '?maxpagesize=0',
      '?engagementId=x',
      '?foo=1',
    ]) {
      const response = await olga.request({ method: 'GET', url: `/api/v1/operator/claims${bad}` });
      expect(response.statusCode, `${bad}: ${response.body}`).toBe(400);
      expect(response.json().error.code).toBe('ValidationFailed');
    }
    const unknown = await olga.request({ method: 'GET', url: '/api/v1/operator/claims?status=nope' });
    expect(unknown.json().error.details[0]).toMatchObject({ code: 'UnknownClaimStatus', target: 'status' });
    expect(unknown.json().error.details[0].message).toContain('claim_submitted');
  });

  it('the claim detail shows the POE items and files, both surveys, contacts, payout, history and decisions', async () => {
    const d = await detail(GRAPHIC);
    expect(d).toMatchObject({
      nominationId: GRAPHIC,
      status: 'disputed',
      storedStatus: 'disputed',
      disputed: true,
      partner: { name: 'Trey Research' },
      location: { mpnId: expect.any(String), country: 'PL' },
      engagement: { id: SEC, code: 'SEC-WS' },
      customer: { name: 'Graphic Design Institute', country: 'PL' },
      partnerContact: { name: 'Ben Kowalski', email: 'ben@treyresearch.example' },
      customerContact: { locale: 'pl' },
      expectedPayout: { market: 'B', currency: 'USD' },
      files: {
        findingsReport: `/api/v1/operator/claims/${GRAPHIC}/files/findingsReport`,
        invoice: `/api/v1/operator/claims/${GRAPHIC}/files/invoice`,
      },
      allowedDecisions: ['approve', 'reject', 'requestInfo'],
    });
    expect(d.reviewDaysLeft).toBeGreaterThan(0);
    expect(d.comments).toMatch(/Workshop delivered/);
    const items = Object.fromEntries(d.items.map((i: { kind: string }) => [i.kind, i]));
    expect(Object.keys(items)).toEqual(['findingsReport', 'invoice', 'partnerSurvey', 'customerSurvey']);
    expect(items.findingsReport).toMatchObject({
      required: true,
      done: true,
      completedBy: 'Ben Kowalski',
      file: { contentType: 'application/pdf', name: expect.stringMatching(/^Findings/) },
    });
    // Both surveys' answers (the customer's only the operator sees).
    expect(items.partnerSurvey.survey.answers).toMatchObject({ attendees: 8, durationHours: 6 });
    expect(items.customerSurvey.survey.answers).toMatchObject({ satisfaction: 4, wouldRecommend: true });
    expect(d.decisions).toEqual([
      expect.objectContaining({ decision: 'reject', operator: { id: OLGA, name: 'Olga Svensson' } }),
    ]);
    const actions = d.history.map((h: { action: string }) => h.action);
    expect(actions).toEqual(
      expect.arrayContaining(['addCustomer', 'submitClaim', 'startReview', 'reject', 'dispute']),
    );
    const reject = d.history.find((h: { action: string }) => h.action === 'reject');
    expect(reject.actor).toEqual({ kind: 'operator', name: 'Olga Svensson' });
    expect(reject.data.comment).toBe(d.decisions[0].comment);
    const dispute = d.history.find((h: { action: string }) => h.action === 'dispute');
    expect(dispute.actor).toEqual({ kind: 'partnerUser', name: 'Ben Kowalski' });

    expect(
      (await olga.request({ method: 'GET', url: `/api/v1/operator/claims/${TAILSPIN}` })).statusCode,
    ).toBe(404);
    const missing = await olga.request({
      method: 'GET',
      url: `/api/v1/operator/claims/${crypto.randomUUID()}`,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NotFound');
    expect(
      (await olga.request({ method: 'GET', url: '/api/v1/operator/claims/not-a-uuid' })).statusCode,
    ).toBe(400);
  });

  it('downloads a POE file from the file store; 404 without a store, an unknown kind is a 400', async () => {
    const url = `/api/v1/operator/claims/${GRAPHIC}/files/invoice`;
    const original = t().ctx.files;
    t().ctx.files = undefined;
    expect((await olga.request({ method: 'GET', url })).statusCode).toBe(404);
    t().ctx.files = memoryFileStore();
    try {
      const response = await olga.request({ method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="Invoice TR-\d+\.pdf"/);
      expect(response.headers['cache-control']).toMatch(/no-store/);
      expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const d = await detail(GRAPHIC);
      expect(response.rawPayload.length).toBe(d.items[1].file.sizeBytes);
      // A partner survey has no file; a record without a claim has none either.
      expect(
        (await olga.request({ method: 'GET', url: `/api/v1/operator/claims/${GRAPHIC}/files/partnerSurvey` }))
          .statusCode,
      ).toBe(400);
      expect(
        (await olga.request({ method: 'GET', url: `/api/v1/operator/claims/${TAILSPIN}/files/invoice` }))
          .statusCode,
      ).toBe(404);
      // Partners never download through the operator route.
      expect((await ada.request({ method: 'GET', url })).statusCode).toBe(403);
    } finally {
      t().ctx.files = original;
    }
  });

  it('bad decision bodies are 400 in the error shape (never 500) and change nothing', async () => {
    const before = await nomination(ALPINE);
    const cases: [unknown, string][] = [
      [{ decision: 'reject' }, 'comment'],
      [{ decision: 'requestInfo', comment: '   ' }, 'comment'],
      [{ decision: 'reject', comment: 'x'.repeat(2001) }, 'comment'],
      [{ decision: 'approve', comment: 'x'.repeat(2001) }, 'comment'],
      [{ decision: 'maybe', comment: 'x' }, 'decision'],
      [{ decision: 'approve', status: 'approved' }, 'status'],
      [{ decision: 'approve', operatorId: OLGA }, 'operatorId'],
    ];
    for (const [body, target] of cases) {
      const response = await decide(ALPINE, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('ValidationFailed');
      expect(JSON.stringify(error)).toContain(target);
      expect(typeof error.correlationId).toBe('string');
    }
    expect((await decide('not-a-uuid', { decision: 'approve' })).statusCode).toBe(400);
    const missing = await decide(crypto.randomUUID(), { decision: 'approve' });
    expect(missing.statusCode).toBe(404);
    expect((await decide(TAILSPIN, { decision: 'approve' })).statusCode).toBe(404);

    // Arbitrary bodies (on an id nobody has, so that a valid one changes nothing either).
    const nobody = crypto.randomUUID();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              decision: fc.oneof(fc.constantFrom('approve', 'reject', 'requestInfo'), fc.jsonValue()),
              comment: fc.oneof(fc.string({ unit: 'binary', maxLength: 2100 }), fc.jsonValue()),
              extra: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
        ),
        async (body) => {
          const response = await olga.request({
            method: 'POST',
            url: `/api/v1/operator/claims/${nobody}/decisions`,
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          });
          expect(response.statusCode, response.body).toBeLessThan(500);
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(typeof response.json().error.code).toBe('string');
        },
      ),
      { numRuns: 60 },
    );
    const after = await nomination(ALPINE);
    expect(after).toEqual(before);
    const decisions = await handle().db.selectFrom('review_decisions').select('id').execute();
    expect(decisions.length).toBeGreaterThan(0);
  });

  it('requestInfo: under_review → action_required, the comment reaches the partner in the app and by email', async () => {
    const comment = 'Please attach the signed attendance list (page 2 is missing).';
    const response = await decide(LUCERNE, { decision: 'requestInfo', comment });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      decision: 'requestInfo',
      fromStatus: 'under_review',
      status: 'action_required',
      claim: {
        status: 'action_required',
        allowedDecisions: [],
        operatorComment: { decision: 'requestInfo', comment },
      },
    });
    const stored = await handle()
      .db.selectFrom('review_decisions as d')
      .innerJoin('workshop_claims as c', 'c.id', 'd.claim_id')
      .select(['d.operator_id', 'd.decision', 'd.comment'])
      .where('c.nomination_id', '=', LUCERNE)
      .orderBy('d.created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ operator_id: OLGA, decision: 'requestInfo', comment });
    const audit = await handle()
      .db.selectFrom('audit_events')
      .selectAll()
      .where('nomination_id', '=', LUCERNE)
      .where('action', '=', 'requestInfo')
      .where('created_at', '=', t().clock.now())
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_kind: 'operator',
      actor_id: OLGA,
      from_status: 'under_review',
      to_status: 'action_required',
    });

    const bell = (await ada.request({ method: 'GET', url: '/api/v1/notifications' })).json();
    const notice = bell.value.find(
      (n: { kind: string; nominationId: string }) =>
        n.kind === 'actionRequired' && n.nominationId === LUCERNE,
    );
    expect(notice).toBeTruthy();
    const row = await handle()
      .db.selectFrom('notifications')
      .select('params')
      .where('nomination_id', '=', LUCERNE)
      .where('kind', '=', 'actionRequired')
      .where('user_id', '=', userId('ada'))
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.params).toMatchObject({ comment });
    const mail = await handle()
      .db.selectFrom('mail_messages')
      .selectAll()
      .where('nomination_id', '=', LUCERNE)
      .where('template', '=', 'partnerNotice')
      .where('created_at', '=', t().clock.now())
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.params).toMatchObject({ kind: 'actionRequired', comment });
    await drainMail(t());
    const sent = await handle()
      .db.selectFrom('mail_messages')
      .select(['text', 'status'])
      .where('id', '=', mail[0]!.id)
      .executeTakeFirstOrThrow();
    expect(sent.text).toContain(comment);

    // The partner's Customers page shows the new status.
    const eligible = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers?tab=eligible&maxpagesize=500`,
    });
    const lucerneRow = eligible
      .json()
      .value.find((r: { nominationId: string }) => r.nominationId === LUCERNE);
    expect(lucerneRow.status).toBe('action_required');
    // A decision on action_required waits for the partner's resubmission.
    const again = await decide(LUCERNE, { decision: 'approve' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('InvalidTransition');
    expect((await decide(MARGIES, { decision: 'reject', comment: 'No.' })).statusCode).toBe(409);
  });

  it('approve from claim_submitted: starts the review in the same transaction, writes the payout, Complete tab shows it', async () => {
    // A record whose payout was never copied gets it now (the rate of the customer's market).
    await handle()
      .db.updateTable('nominations')
      .set({ payout_market: null, payout_amount_minor: null, payout_currency: null })
      .where('id', '=', ALPINE)
      .execute();
    const key = `approve-${ALPINE}`;
    const [first, second] = await Promise.all([
      decide(ALPINE, { decision: 'approve' }, { 'idempotency-key': key }),
      decide(ALPINE, { decision: 'approve' }, { 'idempotency-key': key }),
    ]);
    expect([first.statusCode, second.statusCode], first.body + second.body).toEqual([200, 200]);
    expect([first, second].filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
    expect(first.json()).toEqual(second.json());
    expect(first.json()).toMatchObject({ fromStatus: 'claim_submitted', status: 'approved' });
    const reused = await decide(
      ALPINE,
      { decision: 'reject', comment: 'Changed my mind' },
      { 'idempotency-key': key },
    );
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IdempotencyKeyReused');

    const events = await handle()
      .db.selectFrom('audit_events')
      .select(['action', 'from_status', 'to_status', 'actor_kind', 'actor_id'])
      .where('nomination_id', '=', ALPINE)
      .where('created_at', '=', t().clock.now())
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        action: 'startReview',
        from_status: 'claim_submitted',
        to_status: 'under_review',
        actor_kind: 'operator',
        actor_id: OLGA,
      },
      {
        action: 'approve',
        from_status: 'under_review',
        to_status: 'approved',
        actor_kind: 'operator',
        actor_id: OLGA,
      },
    ]);
    const decisions = await handle()
      .db.selectFrom('review_decisions as d')
      .innerJoin('workshop_claims as c', 'c.id', 'd.claim_id')
      .select(['d.decision', 'd.comment'])
      .where('c.nomination_id', '=', ALPINE)
      .execute();
    expect(decisions).toEqual([{ decision: 'approve', comment: '' }]);
    const row = await nomination(ALPINE);
    const rate = await handle()
      .db.selectFrom('engagement_rates')
      .select('amount_minor')
      .where('engagement_id', '=', SEC)
      .where('market', '=', 'A') // Alpine Ski House is in CH, market A
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'approved',
      ended_at: t().clock.now(),
      payout_market: 'A',
      payout_currency: 'USD',
    });
    expect(Number(row.payout_amount_minor)).toBe(Number(rate.amount_minor));

    const complete = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers?tab=complete&maxpagesize=500`,
    });
    expect(complete.statusCode).toBe(200);
    expect(
      complete.json().value.find((r: { nominationId: string }) => r.nominationId === ALPINE),
    ).toMatchObject({
      name: 'Alpine Ski House',
      outcome: 'approved',
    });
    expect((await queue()).value.map((v) => v.nominationId)).not.toContain(ALPINE);
    const bell = (await ada.request({ method: 'GET', url: '/api/v1/notifications' })).json();
    expect(
      bell.value.some(
        (n: { kind: string; nominationId: string }) =>
          n.kind === 'claimApproved' && n.nominationId === ALPINE,
      ),
    ).toBe(true);
  });

  it('reject: rejected with a 30-day dispute window, the partner is told why', async () => {
    const comment = 'The invoice does not name the customer.';
    const response = await decide(PW_HUMONGOUS, { decision: 'reject', comment });
    expect(response.statusCode, response.body).toBe(200);
    const now = t().clock.now();
    expect(response.json()).toMatchObject({
      fromStatus: 'claim_submitted',
      status: 'rejected',
      claim: {
        rejectedAt: now.toISOString(),
        disputeDueAt: new Date(now.getTime() + 30 * DAY).toISOString(),
        disputeDaysLeft: 30,
      },
    });
    const notice = await handle()
      .db.selectFrom('notifications')
      .select(['params', 'user_id'])
      .where('nomination_id', '=', PW_HUMONGOUS)
      .where('kind', '=', 'claimRejected')
      .execute();
    expect(notice.map((n) => n.user_id)).toContain(userId('dan'));
    expect(notice[0]!.params).toMatchObject({ comment });
    const mail = await handle()
      .db.selectFrom('mail_messages')
      .select('params')
      .where('nomination_id', '=', PW_HUMONGOUS)
      .where('template', '=', 'partnerNotice')
      .execute();
    expect(mail.map((m) => m.params)).toEqual([expect.objectContaining({ kind: 'claimRejected', comment })]);
    const eligible = await dan.request({
      method: 'GET',
      url: `/api/v1/engagements/${INF}/customers?tab=eligible&maxpagesize=500`,
    });
    expect(
      eligible.json().value.find((r: { nominationId: string }) => r.nominationId === PW_HUMONGOUS),
    ).toMatchObject({
      status: 'rejected',
      countdown: 'dispute',
      daysLeft: 30,
    });
  });

  it('reject after a dispute is final: rejected_final, ended, no new dispute window', async () => {
    const before = await nomination(GRAPHIC);
    const response = await decide(GRAPHIC, {
      decision: 'reject',
      comment: 'The dispute does not change the finding.',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ fromStatus: 'disputed', status: 'rejected_final' });
    const after = await nomination(GRAPHIC);
    expect(after).toMatchObject({
      status: 'rejected_final',
      ended_at: t().clock.now(),
      dispute_due_at: before.dispute_due_at,
    });
    const kinds = await handle()
      .db.selectFrom('notifications')
      .select('kind')
      .where('nomination_id', '=', GRAPHIC)
      .where('created_at', '=', t().clock.now())
      .execute();
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(['claimRejectedFinal']));
    const d = await detail(GRAPHIC);
    expect(d.decisions.map((x: { decision: string }) => x.decision)).toEqual(['reject', 'reject']);
    const complete = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers?tab=complete&maxpagesize=500`,
    });
    expect(
      complete.json().value.find((r: { nominationId: string }) => r.nominationId === GRAPHIC)?.outcome,
    ).toBe('rejected_final');
  });
});

describeEachDatabase('operator: review deadline enforced by the clock and by the sweep', ({ handle }) => {
  const t = useTestApp(handle);
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
  });
  // Sessions expire as the clock jumps: sign in at the new time.
  const operator = () => signInAs(t().app, 'olga@program.example', 'demo');
  const dueOf = async (id: string) =>
    (
      await handle()
        .db.selectFrom('nominations')
        .select('review_due_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).review_due_at!;
  const count = async (
    table: 'audit_events' | 'notifications' | 'mail_messages',
    id: string,
    filter: [string, string],
  ) =>
    (
      await handle()
        .db.selectFrom(table)
        .select('nomination_id')
        .where('nomination_id', '=', id)
        .where(filter[0] as never, '=', filter[1] as never)
        .execute()
    ).length;

  it('after reviewDueAt a decision is 410 without any sweep; the sweep ends the claim once', async () => {
    const due = await dueOf(LUCERNE);
    t().clock.set(new Date(due.getTime() + 1000));
    const olga = await operator();
    const late = await olga.request({
      method: 'POST',
      url: `/api/v1/operator/claims/${LUCERNE}/decisions`,
      payload: { decision: 'approve' },
    });
    expect(late.statusCode, late.body).toBe(410);
    expect(late.json().error.code).toBe('DeadlinePassed');
    const stored = await handle()
      .db.selectFrom('nominations')
      .select('status')
      .where('id', '=', LUCERNE)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('under_review');
    const d = (await olga.request({ method: 'GET', url: `/api/v1/operator/claims/${LUCERNE}` })).json();
    expect(d).toMatchObject({
      status: 'post_submission_expired',
      storedStatus: 'under_review',
      allowedDecisions: [],
      reviewDaysLeft: null,
    });
    // The queue agrees with the clock before the sweep has run.
    const awaiting = (await olga.request({ method: 'GET', url: '/api/v1/operator/claims' })).json().value;
    expect(awaiting.map((v: QueueItem) => v.nominationId)).not.toContain(LUCERNE);
    const expired = (
      await olga.request({ method: 'GET', url: '/api/v1/operator/claims?status=post_submission_expired' })
    ).json().value;
    expect(expired.find((v: QueueItem) => v.nominationId === LUCERNE)).toMatchObject({
      status: 'post_submission_expired',
      daysLeft: null,
    });

    // Two sweeps at once, then a third: one transition, one audit event, one notice per user, one email.
    await Promise.all([sweepDeadlines(t().ctx), sweepDeadlines(t().ctx)]);
    await sweepDeadlines(t().ctx);
    const after = await handle()
      .db.selectFrom('nominations')
      .select(['status', 'ended_at'])
      .where('id', '=', LUCERNE)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('post_submission_expired');
    expect(await count('audit_events', LUCERNE, ['action', 'expireReview'])).toBe(1);
    const users = await handle()
      .db.selectFrom('notifications')
      .select('user_id')
      .where('nomination_id', '=', LUCERNE)
      .where('kind', '=', 'reviewExpired')
      .execute();
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users.map((u) => u.user_id)).size).toBe(users.length);
    const mails = await handle()
      .db.selectFrom('mail_messages')
      .select('params')
      .where('nomination_id', '=', LUCERNE)
      .where('template', '=', 'partnerNotice')
      .execute();
    expect(mails.filter((m) => (m.params as { kind?: string }).kind === 'reviewExpired')).toHaveLength(1);
  });

  it('at reviewDueAt − 1 s a decision still works', async () => {
    const due = await dueOf(ALPINE);
    t().clock.set(new Date(due.getTime() - 1000));
    const olga = await operator();
    const response = await olga.request({
      method: 'POST',
      url: `/api/v1/operator/claims/${ALPINE}/decisions`,
      payload: { decision: 'approve', comment: 'In order.' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe('approved');
  });
});
