import { beforeAll, expect, it } from 'vitest';
import { CustomerSurveyAnswers, PartnerSurveyAnswers } from '../../src/contracts/surveys.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import { NOTICE_KINDS, type NoticeKind, noticeText } from '../../src/i18n/mail-render.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { describeEachDatabase } from '../support/databases.ts';

// The demo's notifications read like the ones the product writes: every placeholder filled.
describeEachDatabase('demo notifications', ({ handle }) => {
  beforeAll(async () => {
    await seedDemo(handle().db, new Date('2026-03-10T09:30:00.000Z'));
  });

  it('render in every locale with the customer and the workshop named', async () => {
    const rows = await handle().db.selectFrom('notifications').select(['kind', 'params']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(NOTICE_KINDS).toContain(row.kind);
      const params = row.params as { customerName: string; workshopName: string };
      for (const locale of LOCALES) {
        const text = noticeText(locale, row.kind as NoticeKind, params);
        expect(text).toContain(params.customerName);
        expect(text).toContain(params.workshopName);
        expect(text).not.toMatch(/\(\)|\s\./);
      }
    }
  });
});

describeEachDatabase('demo survey answers', ({ handle }) => {
  beforeAll(async () => {
    await seedDemo(handle().db, new Date('2026-03-10T09:30:00.000Z'));
  });

  it('have the shape of the survey contracts', async () => {
    const rows = await handle()
      .db.selectFrom('surveys')
      .select(['audience', 'answers'])
      .where('answers', 'is not', null)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const schema = row.audience === 'partner' ? PartnerSurveyAnswers : CustomerSurveyAnswers;
      expect(schema.safeParse(row.answers).success, JSON.stringify(row.answers)).toBe(true);
    }
  });
});
