import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { runNominationImport } from '../../src/app/customers/run-nomination-import.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { partnerId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// Bulk add from CSV (issue 14, item 3): an upload is read into rows and processed by the
// `nominations.import` job, every row through the Add customer use case; a real worker runs the job.

const HEADER = 'mpnLocationId,email,workshops,tenantId,tpid,mismatchReason';
const SEATTLE = '6120451';
const SAO_PAULO = '6120454';
const CHICAGO = '7345001'; // Proseware's: not a location of Ada's partner.
const FORMULA = "=cmd|' /C calc'!A0";

describeEachDatabase('nomination imports', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  let dan: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    await startWorker(t().ctx, t().queue);
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
  });

  const upload = (csv: string, options: { key?: string; dryRun?: boolean; client?: typeof ada } = {}) =>
    (options.client ?? ada).request({
      method: 'POST',
      url: `/api/v1/nomination-imports${options.dryRun ? '?dryRun=true' : ''}`,
      payload: csv,
      headers: { 'content-type': 'text/csv', ...(options.key ? { 'idempotency-key': options.key } : {}) },
    });

  async function finished(id: string, client = ada) {
    for (let i = 0; i < 600; i++) {
      const response = await client.request({ method: 'GET', url: `/api/v1/nomination-imports/${id}` });
      expect(response.statusCode).toBe(200);
      if (['completed', 'failed'].includes(response.json().status)) return response.json();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import ${id} did not finish`);
  }

  const report = async (id: string, language = 'en') => {
    const response = await ada.request({
      method: 'GET',
      url: `/api/v1/nomination-imports/${id}/report`,
      headers: { 'accept-language': language },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    return parse(response.body, { bom: true, columns: true }) as Record<string, string>[];
  };

  const nominationsOf = async (tenantIds: string[]) =>
    (
      await handle()
        .db.selectFrom('nominations')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('tenant_id', 'in', tenantIds)
        .executeTakeFirstOrThrow()
    ).n;

  /** Good rows and every kind of bad row, over fresh customers. */
  async function mixedFile() {
    const [one, two, three] = await Promise.all([1, 2, 3].map(() => freshCustomer(handle().db)));
    const csv = [
      HEADER,
      `${SEATTLE},${one!.email},SEC-WS; mw-cop,,,`,
      `9999999,${two!.email},SEC-WS,,,`,
      `${SEATTLE},not-an-email,SEC-WS,,,`,
      `${SAO_PAULO},${two!.email},SEC-WS,,,`,
      `${SEATTLE},${two!.email},SEC-WS,${three!.id},,`,
      `${SEATTLE},${two!.email},NOPE-WS,,,`,
      `${SEATTLE},${one!.email},SEC-WS,,,`,
      `${SEATTLE},${two!.email},SEC-WS,${three!.id},,Bought through their parent company`,
      `${CHICAGO},${two!.email},SEC-WS,,,`,
      `${SEATTLE},"${FORMULA.replaceAll('"', '""')}",SEC-WS,,,`,
    ].join('\r\n');
    return { csv, tenants: [one!.id, two!.id, three!.id] };
  }

  const EXPECTED = [
    { line: '2', outcome: 'created', errorCode: '' },
    { line: '3', outcome: 'failed', errorCode: 'NotFound' },
    { line: '4', outcome: 'failed', errorCode: 'ValidationFailed' },
    { line: '5', outcome: 'failed', errorCode: 'CustomerNotEligible' },
    { line: '6', outcome: 'failed', errorCode: 'MismatchReasonRequired' },
    { line: '7', outcome: 'failed', errorCode: 'NotFound' },
    { line: '8', outcome: 'failed', errorCode: 'AlreadyNominated' },
    { line: '9', outcome: 'created', errorCode: '' },
    { line: '10', outcome: 'failed', errorCode: 'NotFound' },
    { line: '11', outcome: 'failed', errorCode: 'ValidationFailed' },
  ];

  it('adds the good rows through the Add customer rules and reports every row', async () => {
    const { csv, tenants } = await mixedFile();
    const accepted = await upload(csv);
    expect(accepted.statusCode).toBe(202);
    const { id, status } = accepted.json();
    expect(status).toBe('queued');
    expect(accepted.headers.location).toBe(`/api/v1/nomination-imports/${id}`);
    expect(await finished(id)).toEqual({
      id,
      status: 'completed',
      dryRun: false,
      total: 10,
      processed: 10,
      created: 2,
      failed: 8,
    });
    const rows = await report(id);
    expect(Object.keys(rows[0]!)).toEqual([
      'mpnLocationId',
      'email',
      'workshops',
      'tenantId',
      'tpid',
      'mismatchReason',
      'line',
      'outcome',
      'nominationIds',
      'errorCode',
      'errorMessage',
    ]);
    expect(rows.map(({ line, outcome, errorCode }) => ({ line, outcome, errorCode }))).toEqual(EXPECTED);
    // The input comes back as it was sent; a formula cell is neutralised for spreadsheets.
    expect(rows[0]).toMatchObject({ mpnLocationId: SEATTLE, workshops: 'SEC-WS; mw-cop' });
    expect(rows[9]!.email).toBe(`'${FORMULA}`);
    // Two workshops, two records; each row's records are real.
    const idsOf = (index: number) => (rows[index]?.nominationIds ?? '').split(';');
    expect(idsOf(0)).toHaveLength(2);
    expect(idsOf(7)).toHaveLength(1);
    for (const nominationId of [...idsOf(0), ...idsOf(7)]) {
      const record = await ada.request({ method: 'GET', url: `/api/v1/nominations/${nominationId}` });
      expect(record.statusCode).toBe(200);
    }
    expect(await nominationsOf(tenants)).toBe(3);
    // Every failed row has a sentence, in the reader's language, never a catalogue key.
    for (const row of rows) expect(row.errorMessage === '').toBe(row.outcome === 'created');
    for (const row of rows)
      expect(row.errorMessage).not.toMatch(/(error|field|partnerReason|ineligible)\.[a-z]/i);
    expect(rows[1]!.errorMessage).not.toBe('');
    const polish = await report(id, 'pl');
    expect(polish[1]!.errorMessage).not.toBe(rows[1]!.errorMessage);
    expect(polish[1]!.errorMessage).not.toBe('');
  });

  it('a dry run validates every row and writes nothing', async () => {
    const { csv, tenants } = await mixedFile();
    const accepted = await upload(csv, { dryRun: true });
    expect(accepted.statusCode).toBe(202);
    const progress = await finished(accepted.json().id);
    expect(progress).toMatchObject({ status: 'completed', dryRun: true, total: 10, created: 2, failed: 8 });
    const rows = await report(accepted.json().id);
    expect(rows.map(({ line, outcome, errorCode }) => ({ line, outcome, errorCode }))).toEqual(
      EXPECTED.map((row) => (row.outcome === 'created' ? { ...row, outcome: 'valid' } : row)),
    );
    expect(rows.every((r) => r.nominationIds === '')).toBe(true);
    expect(await nominationsOf(tenants)).toBe(0);
  });

  it('the same file with the same Idempotency-Key changes nothing the second time', async () => {
    const { csv, tenants } = await mixedFile();
    const key = `import-${crypto.randomUUID()}`;
    const first = await upload(csv, { key });
    expect(first.statusCode).toBe(202);
    await finished(first.json().id);
    const again = await upload(csv, { key });
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await finished(again.json().id)).toMatchObject({ created: 2, failed: 8 });
    expect(await nominationsOf(tenants)).toBe(3);
    // Another file under the same key is refused.
    const other = await upload(`${csv}\r\n${SEATTLE},x@y.example,SEC-WS,,,`, { key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IdempotencyKeyReused');
  });

  it('a run lost after adding rows resumes days later without adding them twice (per-row Idempotency-Key)', async () => {
    const { csv, tenants } = await mixedFile();
    const id = (await upload(csv)).json().id as string;
    await finished(id);
    const before = await report(id);
    // As if the process died after the rows were added but before their outcomes were written.
    await handle()
      .db.updateTable('nomination_import_rows')
      .set({ outcome: null, nomination_ids: [], error: null })
      .where('import_id', '=', id)
      .execute();
    await handle()
      .db.updateTable('nomination_imports')
      .set({ status: 'running', processed: 0, created: 0, failed: 0 })
      .where('id', '=', id)
      .execute();
    expect(
      (await ada.request({ method: 'GET', url: `/api/v1/nomination-imports/${id}` })).json(),
    ).toMatchObject({
      status: 'running',
      processed: 0,
    });
    // …and the job resumed only after the worker was away for longer than the API's 48 h keys live,
    // with the housekeeping purge run meanwhile: the rows' own keys must still replay.
    const resumedAt = t().clock.now();
    t().clock.advance(49 * 3_600_000);
    try {
      await t().ctx.store.sweeps.purgeExpired({
        sessions: new Date(0),
        idempotencyKeys: t().clock.now(),
        rateLimits: new Date(0),
      });
      await runNominationImport(t().ctx, { importId: id, partnerId: partnerId('trey') });
    } finally {
      t().clock.set(resumedAt);
    }
    expect(await finished(id)).toMatchObject({ status: 'completed', processed: 10, created: 2, failed: 8 });
    expect(await report(id)).toEqual(before);
    expect(await nominationsOf(tenants)).toBe(3);
  });

  it("another partner's import and report are 404, as a missing one", async () => {
    const accepted = await upload(`${HEADER}\r\n${SEATTLE},x@nowhere.invalid,SEC-WS,,,`);
    const id = accepted.json().id as string;
    await finished(id);
    for (const url of [`/api/v1/nomination-imports/${id}`, `/api/v1/nomination-imports/${id}/report`]) {
      const response = await dan.request({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('NotFound');
    }
    const missing = await ada.request({
      method: 'GET',
      url: '/api/v1/nomination-imports/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const { paths } = (await t().app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(paths['/api/v1/nomination-imports'])).toEqual(['post']);
    expect(Object.keys(paths['/api/v1/nomination-imports/{importId}'])).toEqual(['get']);
    expect(Object.keys(paths['/api/v1/nomination-imports/{importId}/report'])).toEqual(['get']);
    expect(paths['/api/v1/nomination-imports'].post.responses['202']).toBeTruthy();
  });

  it('refuses a file without its columns, a malformed file, and an unauthenticated upload', async () => {
    const noColumns = await upload('email,name\r\na@b.example,B');
    expect(noColumns.statusCode).toBe(400);
    expect(noColumns.json().error.details.map((d: { target: string }) => d.target)).toEqual([
      'mpnLocationId',
      'workshops',
    ]);
    const malformed = await upload(`${HEADER}\r\n${SEATTLE},"a@b.example,SEC-WS`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0]).toMatchObject({ code: 'csv.malformed', target: 'csv' });
    expect(malformed.json().error.details[0].message).not.toMatch(/^(error|field)\./);
    const anonymous = await t().app.inject({
      method: 'POST',
      url: '/api/v1/nomination-imports',
      payload: `${HEADER}\r\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(anonymous.statusCode).toBe(401);
    const json = await ada.request({
      method: 'POST',
      url: '/api/v1/nomination-imports',
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
  });
});
