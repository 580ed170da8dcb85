import type { Page } from '@playwright/test';
import type { WorkshopClaim } from '../../../src/contracts/claims.ts';
import type { MailboxMessage } from '../../../src/contracts/dev.ts';
import { expect } from './fixtures.ts';

// Workshop-claim journeys (spec §4.4): small valid files to upload, the claim as the API sees it,
// survey emails from the embedded mailbox, and the operator's decision through the API when a test
// needs it without the operator UI.

/** A tiny but well-formed one-page PDF (starts with %PDF-, as the server checks). */
export function tinyPdf(text = 'Workshop'): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export async function csrfToken(page: Page): Promise<string> {
  const response = await page.request.get('/api/v1/session');
  if (!response.ok()) throw new Error(`GET /session: ${response.status()}`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** The claim as the signed-in partner sees it through the API. */
export async function claimOf(page: Page, nominationId: string): Promise<WorkshopClaim> {
  const response = await page.request.get(`/api/v1/nominations/${nominationId}/claim`, {
    headers: { 'Accept-Language': 'en' },
  });
  if (!response.ok()) throw new Error(`GET claim: ${response.status()} ${await response.text()}`);
  return (await response.json()) as WorkshopClaim;
}

/** The newest email to `to` that carries a survey link (waits for the worker to send it). */
export async function latestSurveyEmailTo(page: Page, to: string, after?: string): Promise<MailboxMessage> {
  let found: MailboxMessage | undefined;
  await expect
    .poll(
      async () => {
        const response = await page.request.get(
          `/api/v1/dev/mailbox?to=${encodeURIComponent(to)}&maxpagesize=50`,
        );
        const body = (await response.json()) as { value: MailboxMessage[] };
        found = body.value
          .filter(
            (m) =>
              m.to === to &&
              m.links.some((l) => l.includes('/survey/')) &&
              (after === undefined || m.createdAt > after),
          )
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        return found !== undefined;
      },
      { message: `a survey email to ${to}`, timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

export function surveyLink(message: MailboxMessage): string {
  const link = message.links.find((l) => l.includes('/survey/'));
  if (!link) throw new Error(`no survey link in ${message.subject}`);
  return link;
}

export type Decision = 'approve' | 'reject' | 'requestInfo';

/** The program operator's decision through the API (the signed-in page must be an operator's). */
export async function decideAsOperator(
  page: Page,
  nominationId: string,
  decision: Decision,
  comment: string,
): Promise<void> {
  const response = await page.request.post(`/api/v1/operator/claims/${nominationId}/decisions`, {
    data: { decision, comment },
    headers: { 'X-CSRF-Token': await csrfToken(page), 'Accept-Language': 'en' },
  });
  if (!response.ok()) throw new Error(`decision ${decision}: ${response.status()} ${await response.text()}`);
}

/** Waits until no animation runs (a dialog fading in would read as low contrast to axe). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}
