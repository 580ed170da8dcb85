import { Readable } from 'node:stream';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { applyEvent, lockNomination } from '../../src/app/lifecycle/apply-event.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { minimalPdf } from '../../src/seed/demo-files.ts';
import { freshCustomer as newCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { latestConsentToken } from '../support/mail.ts';

const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');
const SEC_ = 1000;
const DAY = 24 * 3_600_000;
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MB = 1024 * 1024;

// The partner's side of a workshop claim through the API alone (issue 6, spec §4.4, §5): checklist,
// ETag/If-Match, uploads checked before they are read, downloads only for the owner, both surveys with
// their public page, contact locking and voiding, submit / cancel / dispute and their deadlines.
describeEachDatabase('workshop claims (partner side)', ({ handle }) => {
  const t = useTestApp(handle, { publicUrl: 'http://127.0.0.1:9' });
  let ada: Awaited<ReturnType<typeof signInAs>>;
  let dan: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    t().ctx.links = { baseUrl: 'http://127.0.0.1:9' };
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
  });

  /** A customer nobody knows, eligible like Contoso, reachable by its own domain. */
  const freshCustomer = () => newCustomer(handle().db, { prefix: 'claim' });

  /** Add → send for consent → accept on the public page: an `active` record of Trey Research. */
  async function activeRecord() {
    const customer = await freshCustomer();
    const added = await ada.request({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: { origin: 'add', locationId: SEATTLE, engagementIds: [SEC], email: customer.email },
    });
    expect(added.statusCode, added.body).toBe(201);
    const nominationId = added.json().value[0].id as string;
    const contactEmail = `anna@${customer.slug}.example`;
    const sent = await ada.request({
      method: 'POST',
      url: `/api/v1/nominations/${nominationId}/consent-requests`,
      payload: {
        customerContact: { name: 'Anna Svensson', email: contactEmail, locale: 'sv' },
        partnerContact: { name: 'Ada Lovelace', email: 'ada@treyresearch.example' },
      },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const { renderMails } = await import('../../src/app/mail/mail-jobs.ts');
    const queued = await handle()
      .db.selectFrom('mail_messages')
      .select('id')
      .where('nomination_id', '=', nominationId)
      .where('status', '=', 'queued')
      .execute();
    await renderMails(
      t().ctx,
      queued.map((q) => q.id),
    );
    const token = await latestConsentToken(t(), contactEmail);
    const accepted = await t().app.inject({
      method: 'POST',
      url: `/api/v1/public/consent/${token}`,
      payload: { decision: 'accept' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return { nominationId, customer, contactEmail };
  }

  const url = (id: string, rest = '') => `/api/v1/nominations/${id}/claim${rest}`;
  const getClaim = (id: string, client = ada) => client.request({ method: 'GET', url: url(id) });
  const upload = (
    id: string,
    kind: string,
    body: Buffer | Readable,
    contentType: string,
    headers: Record<string, string> = {},
    client = ada,
  ) =>
    client.request({
      method: 'PUT',
      url: url(id, `/files/${kind}`),
      payload: body,
      headers: { 'content-type': contentType, 'x-file-name': `${kind}.pdf`, ...headers },
    });
  const pdf = (text: string) => minimalPdf([text]);
  const partnerAnswers = {
    deliveredOn: '2026-11-20',
    durationHours: 6,
    attendees: 12,
    topicsCovered: 'Identity, threat protection and the security roadmap.',
    nextSteps: 'Pilot of Defender for Endpoint on 50 devices.',
  };

  /** The survey link in the newest survey email to `to`. */
  async function surveyToken(to: string) {
    const { renderMails } = await import('../../src/app/mail/mail-jobs.ts');
    const queued = await handle()
      .db.selectFrom('mail_messages')
      .select('id')
      .where('status', '=', 'queued')
      .execute();
    if (queued.length)
      await renderMails(
        t().ctx,
        queued.map((q) => q.id),
      );
    const row = await handle()
      .db.selectFrom('mail_messages')
      .select(['text', 'locale', 'template'])
      .where('to_address', '=', to.toLowerCase())
      .where('template', '=', 'surveyRequest')
      .orderBy('created_at', 'desc')
      .orderBy('message_id', 'desc')
      .executeTakeFirstOrThrow();
    const match = /\/survey\/([A-Za-z0-9_-]+)/.exec(row.text ?? '');
    if (!match) throw new Error(`no survey link in: ${row.text}`);
    return { token: match[1]!, locale: row.locale };
  }
  const publicSurvey = (token: string) =>
    t().app.inject({ method: 'GET', url: `/api/v1/public/surveys/${token}` });
  const answer = (token: string, answers: unknown) =>
    t().app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}`, payload: { answers } });

  /** Every POE item done through the API (both files, partner survey in the app, customer survey by link). */
  async function completeAll(id: string, contactEmail: string) {
    expect((await upload(id, 'findingsReport', pdf('findings'), PDF)).statusCode).toBe(200);
    expect((await upload(id, 'invoice', pdf(`invoice ${id}`), PDF)).statusCode).toBe(200);
    const survey = await ada.request({
      method: 'PUT',
      url: url(id, '/surveys/partner'),
      payload: { answers: partnerAnswers },
    });
    expect(survey.statusCode, survey.body).toBe(200);
    const send = await ada.request({ method: 'POST', url: url(id, '/surveys/customer/send') });
    expect(send.statusCode, send.body).toBe(202);
    const { token } = await surveyToken(contactEmail);
    const answered = await answer(token, { satisfaction: 5, wouldRecommend: true });
    expect(answered.statusCode, answered.body).toBe(200);
    return token;
  }

  it('GET of an active record: the empty checklist, deadline, contacts from the consent, payout, actions, ETag', async () => {
    const { nominationId, contactEmail } = await activeRecord();
    const response = await getClaim(nominationId);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers.etag).toBe('W/"0"');
    const claim = response.json();
    expect(claim).toMatchObject({
      nominationId,
      claimId: null,
      status: 'active',
      daysLeft: 90,
      comments: '',
      contactsLocked: false,
      partnerContact: { name: 'Ada Lovelace', email: 'ada@treyresearch.example' },
      customerContact: { name: 'Anna Svensson', email: contactEmail, locale: 'sv' },
      actions: ['edit', 'submit', 'cancel'],
      version: 0,
    });
    expect(claim.claimDueAt).toBe(new Date(t().clock.now().getTime() + 90 * DAY).toISOString());
    expect(claim.items.map((i: { kind: string }) => i.kind)).toEqual([
      'findingsReport',
      'invoice',
      'partnerSurvey',
      'customerSurvey',
    ]);
    expect(claim.items.every((i: { required: boolean; done: boolean }) => i.required && !i.done)).toBe(true);
    expect(claim.missingItems).toHaveLength(4);
    expect(claim.items[3].survey).toMatchObject({ audience: 'customer', state: 'notSent' });
    expect(claim.expectedPayout).toMatchObject({ atConsent: true });
    expect(claim.expectedPayout.amountMinor).toBeGreaterThan(0);
    expect(claim.history.map((e: { action: string }) => e.action)).toEqual([
      'addCustomer',
      'requestConsent',
      'acceptConsent',
    ]);
    expect(claim.history[2].actor).toEqual({ kind: 'customer', name: null });
    // A GET creates nothing.
    const rows = await handle()
      .db.selectFrom('workshop_claims')
      .select('id')
      .where('nomination_id', '=', nominationId)
      .execute();
    expect(rows).toEqual([]);
    // Another partner's record is the same 404 as a missing one.
    const foreign = await getClaim(nominationId, dan);
    const missing = await getClaim(crypto.randomUUID(), dan);
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe(missing.json().error.code);
  });

  it('PATCH with If-Match: 412 on a stale ETag, the claim is created lazily and the row carries its claimId', async () => {
    const { nominationId, customer } = await activeRecord();
    const first = await ada.request({
      method: 'PATCH',
      url: url(nominationId),
      headers: { 'if-match': 'W/"0"' },
      payload: { comments: 'Delivered on site to 12 people.' },
    });
    expect(first.statusCode, first.body).toBe(200);
    const etag = first.headers.etag as string;
    expect(first.json()).toMatchObject({ comments: 'Delivered on site to 12 people.' });
    expect(first.json().claimId).toBeTruthy();
    expect(etag).toBe(`W/"${first.json().version}"`);

    const stale = await ada.request({
      method: 'PATCH',
      url: url(nominationId),
      headers: { 'if-match': 'W/"0"' },
      payload: { comments: 'overwritten?' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('PreconditionFailed');

    const second = await ada.request({
      method: 'PATCH',
      url: url(nominationId),
      headers: { 'if-match': etag },
      payload: {
        partnerContact: { name: 'Ben Carter', email: 'ben@treyresearch.example', phone: '+1 206 555 0100' },
      },
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.headers.etag).not.toBe(etag);
    expect(second.json().partnerContact).toEqual({
      name: 'Ben Carter',
      email: 'ben@treyresearch.example',
      phone: '+1 206 555 0100',
    });
    // Without If-Match the change is accepted (documented).
    const noMatch = await ada.request({
      method: 'PATCH',
      url: url(nominationId),
      payload: { comments: 'x' },
    });
    expect(noMatch.statusCode).toBe(200);

    // The Customers page row now continues this claim.
    const rows = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers?tab=eligible&maxpagesize=500`,
    });
    const row = rows.json().value.find((r: { tenantId: string }) => r.tenantId === customer.id);
    expect(JSON.stringify(row)).toContain(first.json().claimId);

    // Mass assignment and bad input: 400 in the error shape, nothing changes.
    for (const payload of [
      { status: 'approved' },
      { comments: 'ok', claimId: crypto.randomUUID() },
      { customerContact: { name: 'A', email: 'not-an-email', locale: 'en' } },
      { customerContact: { name: 'A\r\nBcc: x@y', email: 'a@b.example', locale: 'en' } },
      { comments: 42 },
      { comments: 'a\u0000b' },
    ]) {
      const bad = await ada.request({ method: 'PATCH', url: url(nominationId), payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'ValidationFailed' });
      expect(bad.json().error.correlationId).toBeTruthy();
    }
    const after = (await getClaim(nominationId)).json();
    expect(after.status).toBe('active');
    expect(after.comments).toBe('x');
    // Another partner cannot edit it (404, not 403).
    const foreign = await dan.request({
      method: 'PATCH',
      url: url(nominationId),
      payload: { comments: 'mine' },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('uploads: a PDF is stored and downloadable by its owner only; wrong types and sizes are refused early', async () => {
    const { nominationId } = await activeRecord();
    const bytes = pdf('Findings and recommendations');
    const ok = await upload(nominationId, 'findingsReport', bytes, PDF, {
      'x-file-name': encodeURIComponent('../../Findings – Q4.pdf'),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const item = ok.json().items[0];
    expect(item).toMatchObject({ kind: 'findingsReport', done: true, completedBy: 'Ada Ruiz' });
    expect(item.file).toMatchObject({
      name: 'Findings – Q4.pdf',
      sizeBytes: bytes.length,
      contentType: PDF,
      uploadedBy: 'Ada Ruiz',
    });

    // Same bytes again (e.g. as another name): content-addressed, stored once.
    const again = await upload(nominationId, 'findingsReport', bytes, PDF, { 'x-file-name': 'report.pdf' });
    expect(again.statusCode).toBe(200);
    expect(again.json().items[0].file.name).toBe('report.pdf');

    const download = await ada.request({ method: 'GET', url: url(nominationId, '/files/findingsReport') });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe(PDF);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(download.rawPayload.equals(bytes)).toBe(true);
    // Not uploaded yet: 404. Another partner: the same 404 as a missing record.
    expect((await ada.request({ method: 'GET', url: url(nominationId, '/files/invoice') })).statusCode).toBe(
      404,
    );
    const foreign = await dan.request({ method: 'GET', url: url(nominationId, '/files/findingsReport') });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('%PDF');
    expect(
      (
        await dan.request({
          method: 'PUT',
          url: url(nominationId, '/files/invoice'),
          payload: pdf('x'),
          headers: { 'content-type': PDF, 'x-file-name': 'a.pdf' },
        })
      ).statusCode,
    ).toBe(404);

    // A program operator may download it too.
    const olga = await signInAs(t().app, 'olga@program.example', 'demo');
    const byOperator = await olga.request({ method: 'GET', url: url(nominationId, '/files/findingsReport') });
    expect(byOperator.statusCode).toBe(200);

    // DOCX is fine for the findings report, not for the invoice (415 before reading).
    const docxInvoice = await upload(nominationId, 'invoice', Buffer.from('PK\u0003\u0004rest'), DOCX);
    expect(docxInvoice.statusCode).toBe(415);
    expect(docxInvoice.json().error.code).toBe('UnsupportedMediaType');
    const docxReport = await upload(
      nominationId,
      'findingsReport',
      Buffer.from('PK\u0003\u0004 a docx'),
      DOCX,
      {
        'x-file-name': 'Findings.docx',
      },
    );
    expect(docxReport.statusCode, docxReport.body).toBe(200);
    expect(docxReport.json().items[0].file).toMatchObject({ name: 'Findings.docx', contentType: DOCX });
    // Wrong magic bytes: 415. Not a document type at all: 415. Empty: 415.
    const fake = await upload(nominationId, 'invoice', Buffer.from('<html>not a pdf</html>'), PDF);
    expect(fake.statusCode).toBe(415);
    expect((await upload(nominationId, 'invoice', Buffer.from('{}'), 'application/json')).statusCode).toBe(
      415,
    );
    expect((await upload(nominationId, 'invoice', Buffer.alloc(0), PDF)).statusCode).toBe(415);
    // A bad kind or file name: 400.
    expect((await upload(nominationId, 'contract', pdf('x'), PDF)).statusCode).toBe(400);
    expect(
      (await upload(nominationId, 'invoice', pdf('x'), PDF, { 'x-file-name': '../..' })).statusCode,
    ).toBe(400);

    // Content-Length over the limit: 413 before a byte of the body is read (the body never ends).
    let reads = 0;
    const never = new Readable({
      read() {
        reads += 1;
      },
    });
    const tooLarge = await Promise.race([
      upload(nominationId, 'invoice', never, PDF, { 'content-length': String(10 * MB + 1) }),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000)),
    ]);
    never.destroy();
    expect(tooLarge).not.toBe('timeout');
    if (tooLarge === 'timeout') return;
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('PayloadTooLarge');
    expect(reads).toBeLessThanOrEqual(1);

    // Chunked (no length) past the limit: cut off with 413, nothing stored.
    const filesBefore = await handle().db.selectFrom('files').select('sha256').execute();
    let sent = 0;
    const chunked = new Readable({
      read() {
        if (sent >= 12 * MB) return this.push(null);
        const chunk = Buffer.alloc(MB, 0x20);
        if (sent === 0) chunk.write('%PDF-1.4\n');
        sent += MB;
        this.push(chunk);
      },
    });
    const cut = await upload(nominationId, 'invoice', chunked, PDF);
    expect(cut.statusCode).toBe(413);
    expect(sent).toBeLessThan(12 * MB + 1);
    const filesAfter = await handle().db.selectFrom('files').select('sha256').execute();
    expect(filesAfter.length).toBe(filesBefore.length);
    const view = (await getClaim(nominationId)).json();
    expect(view.items[1]).toMatchObject({ kind: 'invoice', done: false, file: null });
  });

  it('over a real connection: a declared oversized upload is answered 413 before the body is sent', async () => {
    const { nominationId } = await activeRecord();
    const address = await t().app.listen({ port: 0, host: '127.0.0.1' });
    const { request } = await import('node:http');
    const response = await new Promise<{ status: number; body: string; connection?: string }>(
      (resolve, reject) => {
        const req = request(`${address}${url(nominationId, '/files/findingsReport')}`, {
          method: 'PUT',
          headers: {
            cookie: `mci_session=${ada.cookie.value}`,
            'x-csrf-token': ada.csrfToken,
            'content-type': PDF,
            'content-length': String(30 * MB),
            'x-file-name': 'big.pdf',
          },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
        });
        req.on('error', reject);
        // Only the first 64 KiB of the 30 MiB are ever sent.
        req.write(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64 * 1024)]));
        setTimeout(() => reject(new Error('no answer before the body was sent')), 5000);
      },
    );
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('PayloadTooLarge');
    expect(response.connection).toBe('close');
  });

  it('every demo workshop claim of Trey Research opens, with its files and surveys', async () => {
    const rows = await handle()
      .db.selectFrom('workshop_claims as c')
      .innerJoin('nominations as n', 'n.id', 'c.nomination_id')
      .innerJoin('user_location_roles as r', 'r.location_id', 'n.location_id')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['n.id', 'n.status'])
      .where('u.email', '=', 'ada@treyresearch.example')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const response = await getClaim(row.id);
      expect(response.statusCode, response.body).toBe(200);
      const claim = response.json();
      expect(claim.claimId).toBeTruthy();
      for (const item of claim.items.filter((i: { done: boolean; kind: string }) => i.done))
        if (item.kind === 'findingsReport' || item.kind === 'invoice')
          expect(item.file.sizeBytes).toBeGreaterThan(0);
      if (row.status === 'approved') expect(claim.expectedPayout).toMatchObject({ atConsent: true });
    }
  });

  it('surveys: partner in the app and by link, customer by link; completion locks customer contacts', async () => {
    const { nominationId, contactEmail } = await activeRecord();
    // Partner survey in the app; bad answers are 400.
    const bad = await ada.request({
      method: 'PUT',
      url: url(nominationId, '/surveys/partner'),
      payload: { answers: { ...partnerAnswers, durationHours: 41 } },
    });
    expect(bad.statusCode).toBe(400);
    const inApp = await ada.request({
      method: 'PUT',
      url: url(nominationId, '/surveys/partner'),
      payload: { answers: partnerAnswers },
    });
    expect(inApp.statusCode, inApp.body).toBe(200);
    expect(inApp.json().items[2]).toMatchObject({
      kind: 'partnerSurvey',
      done: true,
      survey: { state: 'completed', answers: partnerAnswers },
    });

    // The customer survey: emailed in the customer's language, answered on the public page.
    const send = await ada.request({ method: 'POST', url: url(nominationId, '/surveys/customer/send') });
    expect(send.statusCode, send.body).toBe(202);
    expect(send.json().items[3].survey).toMatchObject({
      state: 'sent',
      contact: { name: 'Anna Svensson', email: contactEmail },
    });
    const { token, locale } = await surveyToken(contactEmail);
    expect(locale).toBe('sv');
    const page = await publicSurvey(token);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({
      audience: 'customer',
      locale: 'sv',
      partner: { name: 'Trey Research' },
      state: 'open',
      questions: 'customerSurvey.v1',
    });
    // The partner's question set does not fit the customer's link.
    expect((await answer(token, partnerAnswers)).statusCode).toBe(400);
    expect((await answer(token, { satisfaction: 6, wouldRecommend: true })).statusCode).toBe(400);
    const done = await answer(token, {
      satisfaction: 4,
      wouldRecommend: true,
      comments: 'Concrete and useful.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().state).toBe('completed');
    // The same answers again: idempotent; other answers: 409.
    expect(
      (await answer(token, { satisfaction: 4, wouldRecommend: true, comments: 'Concrete and useful.' }))
        .statusCode,
    ).toBe(200);
    expect((await answer(token, { satisfaction: 1, wouldRecommend: false })).statusCode).toBe(409);
    expect((await publicSurvey(token)).json().state).toBe('completed');

    const claim = (await getClaim(nominationId)).json();
    expect(claim.contactsLocked).toBe(true);
    expect(claim.items[3]).toMatchObject({ done: true, survey: { state: 'completed', answers: null } });
    expect(claim.history.map((e: { action: string }) => e.action)).toContain('completePoeItem');
    // S7: customer contacts are locked; the partner contact still changes; the same contact is no change.
    const locked = await ada.request({
      method: 'PATCH',
      url: url(nominationId),
      payload: { customerContact: { name: 'Someone Else', email: contactEmail, locale: 'sv' } },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('ContactsLocked');
    const same = await ada.request({
      method: 'PATCH',
      url: url(nominationId),
      payload: { customerContact: { name: 'Anna Svensson', email: contactEmail, locale: 'sv' } },
    });
    expect(same.statusCode).toBe(200);
    // A completed survey is not sent again.
    expect(
      (await ada.request({ method: 'POST', url: url(nominationId, '/surveys/customer/send') })).statusCode,
    ).toBe(409);

    // The partner survey by link to another partner contact.
    const other = await activeRecord();
    const byLink = await ada.request({
      method: 'POST',
      url: url(other.nominationId, '/surveys/partner/send'),
      payload: { contact: { name: 'Finn Delivery', email: 'finn@treyresearch.example' } },
    });
    expect(byLink.statusCode, byLink.body).toBe(202);
    const partnerLink = await surveyToken('finn@treyresearch.example');
    const partnerPage = await publicSurvey(partnerLink.token);
    expect(partnerPage.json()).toMatchObject({
      audience: 'partner',
      questions: 'partnerSurvey.v1',
      state: 'open',
    });
    expect((await answer(partnerLink.token, partnerAnswers)).statusCode).toBe(200);
    const otherClaim = (await getClaim(other.nominationId)).json();
    expect(otherClaim.items[2]).toMatchObject({ done: true, survey: { state: 'completed' } });
    expect(otherClaim.contactsLocked).toBe(false);
  });

  it('S6/S7: a re-send keeps earlier links valid; a contact change voids them (404); unknown links 404', async () => {
    const { nominationId, contactEmail } = await activeRecord();
    await ada.request({ method: 'POST', url: url(nominationId, '/surveys/customer/send') });
    const first = await surveyToken(contactEmail);
    t().clock.advance(SEC_); // the newest email is found by its time
    await ada.request({ method: 'POST', url: url(nominationId, '/surveys/customer/send') });
    const second = await surveyToken(contactEmail);
    expect(second.token).not.toBe(first.token);
    expect((await publicSurvey(first.token)).statusCode).toBe(200);
    expect((await publicSurvey(second.token)).statusCode).toBe(200);

    const changed = await ada.request({
      method: 'PATCH',
      url: url(nominationId),
      payload: {
        customerContact: { name: 'Nils Berg', email: `nils@${contactEmail.split('@')[1]}`, locale: 'en' },
      },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().items[3].survey).toMatchObject({ state: 'notSent' });
    for (const token of [first.token, second.token]) {
      const gone = await publicSurvey(token);
      expect(gone.statusCode).toBe(404);
      expect(gone.json().error.code).toBe('InvitationNotValid');
    }
    expect((await answer(first.token, { satisfaction: 5, wouldRecommend: true })).statusCode).toBe(404);
    expect((await publicSurvey('A'.repeat(43))).statusCode).toBe(404);
    expect((await publicSurvey('bad token!')).statusCode).toBe(400);

    // The new contact gets a new link, in their language.
    await ada.request({ method: 'POST', url: url(nominationId, '/surveys/customer/send') });
    const fresh = await surveyToken(`nils@${contactEmail.split('@')[1]}`);
    expect(fresh.locale).toBe('en');
    expect((await publicSurvey(fresh.token)).json().state).toBe('open');
  });

  it('submit: refused while incomplete (422 with the missing items), then claim_submitted; cancel only before', async () => {
    const { nominationId, contactEmail } = await activeRecord();
    await upload(nominationId, 'findingsReport', pdf('f'), PDF);
    const incomplete = await ada.request({ method: 'POST', url: url(nominationId, '/submit') });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().error.code).toBe('ClaimIncomplete');
    expect(incomplete.json().error.details.map((d: { target: string }) => d.target)).toEqual([
      'invoice',
      'partnerSurvey',
      'customerSurvey',
    ]);
    await completeAll(nominationId, contactEmail);

    const key = `submit-${nominationId}`;
    const submitted = await ada.request({
      method: 'POST',
      url: url(nominationId, '/submit'),
      headers: { 'idempotency-key': key },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'claim_submitted', missingItems: [], actions: [] });
    expect(submitted.json().firstSubmittedAt).toBeTruthy();
    const replay = await ada.request({
      method: 'POST',
      url: url(nominationId, '/submit'),
      headers: { 'idempotency-key': key },
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // Once submitted: no second submit, no cancel, no edits, no uploads.
    expect((await ada.request({ method: 'POST', url: url(nominationId, '/submit') })).statusCode).toBe(409);
    const cancel = await ada.request({ method: 'POST', url: url(nominationId, '/cancel') });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().error.code).toBe('InvalidTransition');
    expect(
      (await ada.request({ method: 'PATCH', url: url(nominationId), payload: { comments: 'late' } }))
        .statusCode,
    ).toBe(409);
    expect((await upload(nominationId, 'invoice', pdf('late'), PDF)).statusCode).toBe(409);
    const history = (await getClaim(nominationId)).json().history.map((e: { action: string }) => e.action);
    expect(history).toContain('submitClaim');
    expect(history).toContain('startWorkshopClaim');
    // Another partner cannot submit it.
    expect((await dan.request({ method: 'POST', url: url(nominationId, '/submit') })).statusCode).toBe(404);

    // Cancel before the first submit.
    const other = await activeRecord();
    const cancelled = await ada.request({ method: 'POST', url: url(other.nominationId, '/cancel') });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', actions: [] });
    expect((await ada.request({ method: 'POST', url: url(other.nominationId, '/submit') })).statusCode).toBe(
      409,
    );
  });

  it('dispute: once, within 30 days of a rejection, with a justification; a rejection after it is final', async () => {
    const { nominationId, contactEmail } = await activeRecord();
    await completeAll(nominationId, contactEmail);
    expect((await ada.request({ method: 'POST', url: url(nominationId, '/submit') })).statusCode).toBe(200);
    const operator = await handle()
      .db.selectFrom('users')
      .select('id')
      .where('email', '=', 'olga@program.example')
      .executeTakeFirstOrThrow();
    const review = async (event: 'startReview' | 'reject' | 'requestInfo') =>
      t().ctx.store.transaction(async (tx) => {
        const record = (await lockNomination(tx, nominationId))!;
        await applyEvent(tx, t().ctx, record, event, { kind: 'operator', id: operator.id }, t().clock.now());
      });
    // Not rejected yet: no dispute.
    const early = await ada.request({
      method: 'POST',
      url: url(nominationId, '/dispute'),
      payload: { justification: 'We delivered everything that was asked for.' },
    });
    expect(early.statusCode).toBe(409);
    await review('startReview');
    await review('reject');
    const rejected = (await getClaim(nominationId)).json();
    expect(rejected).toMatchObject({ status: 'rejected', disputeDaysLeft: 30, actions: ['dispute'] });
    const operatorEvent = rejected.history.find((e: { action: string }) => e.action === 'reject');
    expect(operatorEvent.actor).toEqual({ kind: 'operator', name: 'Program operator' });

    const short = await ada.request({
      method: 'POST',
      url: url(nominationId, '/dispute'),
      payload: { justification: 'too short' },
    });
    expect(short.statusCode).toBe(400);
    const justification = 'The invoice was attached on day 12; please review the second page.';
    const disputed = await ada.request({
      method: 'POST',
      url: url(nominationId, '/dispute'),
      payload: { justification },
    });
    expect(disputed.statusCode, disputed.body).toBe(200);
    expect(disputed.json().status).toBe('disputed');
    const entry = disputed.json().history.find((e: { action: string }) => e.action === 'dispute');
    expect(entry.data).toEqual({ justification });

    await review('startReview');
    await review('reject');
    expect((await getClaim(nominationId)).json()).toMatchObject({ status: 'rejected_final', actions: [] });
    const again = await ada.request({
      method: 'POST',
      url: url(nominationId, '/dispute'),
      payload: { justification },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.map((d: { code: string }) => d.code)).toEqual(['AlreadyDisputed']);
    expect(again.json().error.details[0].message).not.toBe('error.AlreadyDisputed');
  });

  it('bad input (quality §3.14): mutated bodies answer 4xx in the error shape, never 500', async () => {
    const { nominationId } = await activeRecord();
    const targets = [
      {
        method: 'PATCH' as const,
        url: url(nominationId),
        base: { comments: 'x', partnerContact: { name: 'A', email: 'a@treyresearch.example' } },
      },
      {
        method: 'PUT' as const,
        url: url(nominationId, '/surveys/partner'),
        base: { answers: partnerAnswers },
      },
      {
        method: 'POST' as const,
        url: url(nominationId, '/dispute'),
        base: { justification: 'A justification that is long enough.' },
      },
      {
        method: 'POST' as const,
        url: url(nominationId, '/surveys/partner/send'),
        base: { contact: { name: 'Finn', email: 'finn@treyresearch.example' } },
      },
    ];
    const mutated = (base: Record<string, unknown>) =>
      fc.oneof(
        fc
          .tuple(fc.constantFrom(...Object.keys(base)), fc.jsonValue())
          .map(([k, v]) => ({ ...base, [k]: v })),
        fc
          .tuple(
            fc.constantFrom('status', 'claimId', 'partnerId', 'version', '__proto__', fc.string()),
            fc.jsonValue(),
          )
          .map(([k, v]) => ({ ...base, [String(k)]: v })),
        fc.jsonValue(),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets).chain((target) => fc.tuple(fc.constant(target), mutated(target.base))),
        async ([target, body]) => {
          const response = await ada.request({
            method: target.method,
            url: target.url,
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          });
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode >= 400) {
            const error = response.json().error;
            expect(error.code).toBeTruthy();
            expect(error.correlationId).toBeTruthy();
          }
        },
      ),
      { numRuns: 60 },
    );
    const after = (await getClaim(nominationId)).json();
    expect(after.status).toBe('active');
  });

  // Moves the clock: keep last.
  it('deadlines without a sweeper: submit at claimDueAt − 1 s works, at + 1 s it is 410 (and the survey link too)', async () => {
    const a = await activeRecord();
    const b = await activeRecord();
    await completeAll(a.nominationId, a.contactEmail);
    await completeAll(b.nominationId, b.contactEmail);
    // B's partner survey was answered in the app; a fresh customer link for the 410 check.
    const dueA = new Date((await getClaim(a.nominationId)).json().claimDueAt);
    const dueB = new Date((await getClaim(b.nominationId)).json().claimDueAt);
    const c = await activeRecord();
    await ada.request({ method: 'POST', url: url(c.nominationId, '/surveys/customer/send') });
    const cLink = await surveyToken(c.contactEmail);
    const dueC = new Date((await getClaim(c.nominationId)).json().claimDueAt);

    t().clock.set(new Date(dueA.getTime() - SEC_));
    const ada2 = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    const inTime = await ada2.request({ method: 'POST', url: url(a.nominationId, '/submit') });
    expect(inTime.statusCode, inTime.body).toBe(200);
    expect(inTime.json().status).toBe('claim_submitted');

    t().clock.set(new Date(Math.max(dueB.getTime(), dueC.getTime()) + SEC_));
    const late = await ada2.request({ method: 'POST', url: url(b.nominationId, '/submit') });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('DeadlinePassed');
    const view = (await ada2.request({ method: 'GET', url: url(b.nominationId) })).json();
    expect(view).toMatchObject({ status: 'not_submitted_expired', daysLeft: 0, actions: [] });
    expect(
      (await ada2.request({ method: 'PATCH', url: url(b.nominationId), payload: { comments: 'late' } }))
        .statusCode,
    ).toBe(410);
    expect((await ada2.request({ method: 'POST', url: url(b.nominationId, '/cancel') })).statusCode).toBe(
      410,
    );
    const expiredLink = await publicSurvey(cLink.token);
    expect(expiredLink.statusCode).toBe(410);
    expect(expiredLink.json().error.code).toBe('DeadlinePassed');
    expect((await answer(cLink.token, { satisfaction: 5, wouldRecommend: true })).statusCode).toBe(410);
  });
});
