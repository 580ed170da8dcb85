import { readFileSync } from 'node:fs';
import { engagementByCode, SHOWCASE } from './support/engagements.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';
import { expectReflow } from './support/reflow.ts';

// Issue 14, bulk add from CSV: Ada opens "Import customers" on the Customers page, downloads the
// template, uploads a small file (a dry run, so that the shared demo data stays as the other specs
// expect it), watches the progress complete, reads the result of each row and downloads the report.
// Adding for real is proven by test/http/nomination-imports.test.ts on both databases.

const CSV = [
  'mpnLocationId,email,workshops,tenantId,tpid,mismatchReason',
  '6120451,it@contoso.com,SEC-WS,,,',
  '6120451,it@contoso.com,NOPE-WS,,,',
].join('\r\n');

test('Ada checks a CSV of customers and downloads the report', async ({ page }) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  const showcase = await engagementByCode(page, SHOWCASE);
  await page.goto(`/engagements/${showcase.id}/customers`);

  const open = page.getByRole('button', { name: 'Import customers' });
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Import customers from CSV' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, 'import dialog');

  const template = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download template' }).click();
  const templateFile = await (await template).path();
  expect(readFileSync(templateFile, 'utf8')).toBe(
    'mpnLocationId,email,workshops,tenantId,tpid,mismatchReason\r\n',
  );

  // Without a file, the form says what is missing.
  await dialog.getByRole('button', { name: 'Upload and import' }).click();
  await expect(dialog.getByText('Choose a CSV file.')).toBeVisible();

  await dialog.getByLabel('CSV file (up to 10 MB)').setInputFiles({
    name: 'customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  // Keyboard only: the dry-run checkbox, then the submit button.
  await dialog.getByRole('checkbox', { name: 'Only check the file (add nothing)' }).focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('checkbox', { name: 'Only check the file (add nothing)' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Upload and check' }).focus();
  await page.keyboard.press('Enter');

  await expect(dialog.getByRole('status').filter({ hasText: 'Check finished' })).toHaveText(
    'Check finished: 1 row can be added, 1 row has errors. Nothing was added.',
    { timeout: 30_000 },
  );
  // (By its name: while the result table loads, its spinner is a progress bar too.)
  await expect(dialog.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
    'aria-valuenow',
    '1',
  );
  const rows = dialog.getByRole('table', { name: 'Result of the first 2 rows' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Can be added');
  await expect(rows.nth(2)).toContainText('Failed');
  await expect(rows.nth(2)).toContainText('No workshop has the code NOPE-WS.');
  await expectNoAxeViolations(page, 'import results');

  const report = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download report' }).click();
  const lines = readFileSync(await (await report).path(), 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  expect(lines[0]).toBe(
    'mpnLocationId,email,workshops,tenantId,tpid,mismatchReason,line,outcome,nominationIds,errorCode,errorMessage',
  );
  expect(lines[1]).toBe('6120451,it@contoso.com,SEC-WS,,,,2,valid,,,');
  expect(lines[2]).toMatch(/^6120451,it@contoso\.com,NOPE-WS,,,,3,failed,,NotFound,/);

  // Nothing scrolls sideways at 320 px (the results table scrolls in its own region).
  await page.setViewportSize({ width: 320, height: 720 });
  await expectReflow(page, 'import results at 320 px');

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
});
