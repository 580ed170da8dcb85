import type { Page } from '@playwright/test';
import type { z } from 'zod';
import type { CustomerCounts, CustomerRow } from '../../../src/contracts/customers.ts';
import type { EngagementDetail, EngagementSummary } from '../../../src/contracts/engagements.ts';

// The API as the signed-in page sees it (same cookies): what the UI shows is checked against what
// the server answered, so the tests check the wiring rather than restating the demo data.

export type Summary = EngagementSummary;
export type Detail = EngagementDetail;
export type Row = CustomerRow;
export type Counts = z.infer<typeof CustomerCounts>;

/** The demo's showcase workshop (src/seed/demo-catalogue.ts SHOWCASE_ENGAGEMENT) and a non-workshop. */
export const SHOWCASE = 'SEC-WS';
export const NOT_A_WORKSHOP = 'INF-DEPLOY';

async function get<T>(page: Page, path: string, language = 'en'): Promise<T> {
  const response = await page.request.get(`/api/v1${path}`, { headers: { 'Accept-Language': language } });
  if (!response.ok()) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function engagementByCode(page: Page, code: string): Promise<Summary> {
  const list = await get<{ value: Summary[] }>(page, '/engagements');
  const found = list.value.find((e) => e.code === code);
  if (!found) throw new Error(`no engagement ${code} for this user`);
  return found;
}

export const engagementDetail = (page: Page, id: string, language = 'en') =>
  get<Detail>(page, `/engagements/${id}`, language);

export async function customerRows(
  page: Page,
  id: string,
  tab: 'eligible' | 'ineligible' | 'complete',
  options: { search?: string; language?: string } = {},
): Promise<Row[]> {
  const q = new URLSearchParams({ tab, maxpagesize: '500' });
  if (options.search) q.set('search', options.search);
  const body = await get<{ value: Row[] }>(page, `/engagements/${id}/customers?${q}`, options.language);
  return body.value;
}

export const customerCounts = (page: Page, id: string, search = '') =>
  get<Counts>(
    page,
    `/engagements/${id}/customers/counts${search ? `?search=${encodeURIComponent(search)}` : ''}`,
  );

export function rowNamed(rows: Row[], name: string): Row {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`no row ${name} in ${rows.map((r) => r.name).join(', ')}`);
  return row;
}
