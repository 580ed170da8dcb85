import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { ConsentRequest } from '../../../src/contracts/consent.ts';
import type { MailboxMessage } from '../../../src/contracts/dev.ts';
import type { Nomination } from '../../../src/contracts/nominations.ts';
import { expect } from './fixtures.ts';

// Setting up consent journeys through the API as the signed-in page (same cookies, its CSRF token),
// so that a journey can start where its subject begins (the UI of adding customers and triggering
// consent is walked through in consent.spec.ts).

async function csrf(page: Page): Promise<string> {
  const response = await page.request.get('/api/v1/session');
  if (!response.ok()) throw new Error(`GET /session: ${response.status()}`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

async function post<T>(page: Page, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await page.request.post(`/api/v1${path}`, {
    data: body,
    headers: { 'X-CSRF-Token': await csrf(page), 'Accept-Language': 'en', ...headers },
  });
  if (!response.ok()) throw new Error(`POST ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The first role location of the signed-in user (Ada: Trey Research – Seattle). */
export async function firstLocationId(page: Page): Promise<string> {
  const response = await page.request.get('/api/v1/session');
  const session = (await response.json()) as {
    user: { roles: { locationId: string; locationName: string }[] };
  };
  const seattle = session.user.roles.find((r) => r.locationName.includes('Seattle')) ?? session.user.roles[0];
  if (!seattle) throw new Error('no role location');
  return seattle.locationId;
}

/** Adds a customer (by an email at its domain) to one workshop; returns the record's id. */
export async function addCustomer(page: Page, engagementId: string, email: string): Promise<string> {
  const locationId = await firstLocationId(page);
  const created = await post<{ value: Nomination[] }>(
    page,
    '/nominations',
    { origin: 'add', locationId, engagementIds: [engagementId], email },
    { 'Idempotency-Key': randomUUID() },
  );
  const id = created.value[0]?.id;
  if (!id) throw new Error('no nomination created');
  return id;
}

export function requestConsent(
  page: Page,
  nominationId: string,
  contact: { name: string; email: string; locale: string },
): Promise<ConsentRequest> {
  return post<ConsentRequest>(
    page,
    `/nominations/${nominationId}/consent-requests`,
    {
      customerContact: contact,
      partnerContact: { name: 'Ada Ruiz', email: 'ada@treyresearch.example' },
    },
    { 'Idempotency-Key': randomUUID() },
  );
}

/** The newest email to `to` (waits for the worker to send it). */
export async function latestEmailTo(page: Page, to: string): Promise<MailboxMessage> {
  let found: MailboxMessage | undefined;
  await expect
    .poll(
      async () => {
        const response = await page.request.get(
          `/api/v1/dev/mailbox?to=${encodeURIComponent(to)}&maxpagesize=50`,
        );
        const body = (await response.json()) as { value: MailboxMessage[] };
        found = body.value
          .filter((m) => m.to === to && m.links.some((l) => l.includes('/consent/')))
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        return found !== undefined;
      },
      { message: `an email to ${to}`, timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

export function consentLink(message: MailboxMessage): string {
  const link = message.links.find((l) => l.includes('/consent/'));
  if (!link) throw new Error(`no consent link in ${message.subject}`);
  return link;
}
