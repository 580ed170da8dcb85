import type { Page } from '@playwright/test';
import { startWebhookReceiver, verifySigned as verify } from '../support/webhook-receiver.ts';
import { csrfToken } from './support/claims.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';
import { dialogSettled, expectReflow } from './support/reflow.ts';

// Issue 14: Ada (Incentives admin) registers a webhook endpoint on the "Webhooks" page, pointing at a
// real receiver on loopback (the e2e server runs with MCI_WEBHOOKS_ALLOW_PRIVATE=1). She sees the
// signing secret once, sends a test message that arrives correctly signed (verified with the
// `standardwebhooks` package), sees it in the delivery log, redelivers it (same `webhook-id`), rotates
// the secret, edits the URL and the description (to a path where the receiver answers 500, and the log
// says so in words), and deletes the endpoint after confirming. Delivery is a background job: the test
// polls the receiver, never sleeps.

async function endpointIdOf(page: Page, url: string): Promise<string> {
  const list = await page.request.get('/api/v1/webhook-endpoints');
  const found = ((await list.json()) as { value: { id: string; url: string }[] }).value.find(
    (e) => e.url === url,
  );
  if (!found) throw new Error(`no endpoint ${url}`);
  return found.id;
}

const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

test('Ada registers a webhook endpoint, tests, redelivers, rotates, edits and deletes it', async ({
  page,
  context,
  consoleGuard,
}) => {
  // The URL the Edit dialog sends on purpose and the API refuses.
  consoleGuard.expect({ text: /status of 400/, url: /\/api\/v1\/webhook-endpoints\/[0-9a-f-]+$/ });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // 500 to whatever is sent to a path ending in /fails, 204 to the rest.
  const hooks = await startWebhookReceiver(({ path }) => (path.endsWith('/fails') ? 500 : 204));
  const base = hooks.url;
  try {
    await page.goto('/');
    await signIn(page, USERS.ada);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page).toHaveURL(/\/admin\/webhooks$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeFocused();
    await expectNoAxeViolations(page, 'Webhooks page');

    // The form, from the keyboard: the URL, two events (Space on a focused checkbox), a description.
    const url = `${base}/hooks/crm-${Date.now()}`;
    await page.getByRole('textbox', { name: 'Endpoint URL' }).fill(url);
    await page.getByRole('checkbox', { name: /^consent\.accepted / }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: /^claim\.approved / }).click();
    await expect(page.getByRole('checkbox', { name: /^consent\.accepted / })).toBeChecked();
    await page.getByRole('textbox', { name: 'Description (optional)' }).fill('Our CRM');
    await page.getByRole('button', { name: 'Add endpoint' }).focus();
    await page.keyboard.press('Enter');

    await expect(page.getByText(`Endpoint ${url} added`)).toBeVisible();
    const secretBox = page.getByRole('textbox', { name: 'Signing secret' });
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(SECRET);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(page.getByRole('status').getByText(/Copied to the clipboard|Could not copy/)).toBeVisible();
    await expectNoAxeViolations(page, 'endpoint created');
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect(secretBox).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    let card = page.getByRole('region', { name: url, exact: true });
    await expect(card).toContainText('Enabled');
    await expect(card).toContainText('Our CRM');
    await expect(card.getByRole('listitem')).toHaveText([
      'consent.accepted The customer gave consent',
      'claim.approved A workshop claim was approved',
    ]);

    // A test message: signed with the secret, and in the delivery log once delivered.
    await card.getByRole('button', { name: 'Send test message' }).click();
    await expect(card.getByText(`A test message to ${url} is on its way.`)).toBeVisible();
    await expect.poll(() => hooks.received.length, { timeout: 30_000 }).toBe(1);
    const first = hooks.received[0]!;
    expect(verify(secret, first)).toMatchObject({ type: 'webhook.test' });
    const messageId = String(first.headers['webhook-id']);
    expect(messageId).toMatch(/^msg_/);

    const log = card.getByRole('table', { name: `Deliveries to ${url}` });
    const rows = log.getByRole('row').filter({ hasText: messageId });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('webhook.test');
    // The log looks again while the message is pending.
    await expect(rows.first()).toContainText('Delivered');
    await expect(rows.first()).toContainText('204');
    await expectNoAxeViolations(page, 'delivery log');

    // Redeliver: the same message again, same webhook-id, still correctly signed.
    await rows.first().getByRole('button', { name: 'Redeliver' }).click();
    await expect(card.getByText(`Message ${messageId} is being sent again.`)).toBeVisible();
    await expect.poll(() => hooks.received.length, { timeout: 30_000 }).toBe(2);
    const again = hooks.received[1]!;
    expect(again.headers['webhook-id']).toBe(messageId);
    expect(verify(secret, again)).toMatchObject({ type: 'webhook.test' });
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'Delivered' })).toHaveCount(2);

    // Disable and enable again.
    await card.getByRole('button', { name: 'Disable' }).click();
    await expect(card.getByText(`The endpoint ${url} is disabled`)).toBeVisible();
    await expect(card.getByRole('definition').first()).toHaveText('Disabled');
    await card.getByRole('button', { name: 'Enable' }).click();
    await expect(card.getByText(`The endpoint ${url} is enabled again.`)).toBeVisible();
    await expect(card.getByRole('definition').first()).toHaveText('Enabled');

    // Edit the events in the Edit dialog (the URL stays: it is not sent again).
    await card.getByRole('button', { name: 'Edit', exact: true }).click();
    const events = page.getByRole('dialog', { name: `Edit ${url}` });
    await expect(events.getByRole('textbox', { name: 'Endpoint URL' })).toHaveValue(url);
    await expect(events.getByRole('checkbox', { name: /^claim\.approved / })).toBeChecked();
    await dialogSettled(page);
    await expectNoAxeViolations(page, 'edit dialog');
    await events.getByRole('checkbox', { name: /^claim\.rejected / }).check();
    await events.getByRole('button', { name: 'Save' }).click();
    await expect(events).toHaveCount(0);
    await expect(card.getByText(`The endpoint ${url} was saved.`)).toBeVisible();
    await expect(card.getByRole('listitem').filter({ hasText: 'claim.rejected' })).toHaveCount(1);

    // Rotate the secret: asked first, then a new secret once; messages verify with the new one.
    await card.getByRole('button', { name: 'Rotate secret' }).click();
    const rotate = page.getByRole('alertdialog');
    await expect(rotate).toContainText(`Rotate the signing secret of ${url}?`);
    await dialogSettled(page);
    await expectNoAxeViolations(page, 'rotate dialog');
    await rotate.getByRole('button', { name: 'Rotate secret' }).click();
    await expect(rotate).toHaveCount(0);
    await expect(card.getByText(`New signing secret for ${url}`)).toBeVisible();
    const rotated = await card.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(rotated).toMatch(SECRET);
    expect(rotated).not.toBe(secret);
    await expectNoAxeViolations(page, 'secret rotated');
    await card.getByRole('button', { name: 'I have saved it' }).click();
    await card.getByRole('button', { name: 'Send test message' }).click();
    await expect.poll(() => hooks.received.length, { timeout: 30_000 }).toBe(3);
    const afterRotation = hooks.received[2]!;
    expect(afterRotation.headers['webhook-id']).not.toBe(messageId);
    expect(verify(rotated, afterRotation)).toMatchObject({ type: 'webhook.test' });
    // The previous secret still signs for 24 hours (a second signature).
    expect(verify(secret, afterRotation)).toMatchObject({ type: 'webhook.test' });

    // More deliveries than a page of the log (20): the rest come with "Load more".
    const endpointId = await endpointIdOf(page, url);
    const csrf = await csrfToken(page);
    for (let i = 0; i < 19; i++) {
      const sent = await page.request.post(`/api/v1/webhook-endpoints/${endpointId}/test`, {
        headers: { 'x-csrf-token': csrf },
      });
      expect(sent.status()).toBe(202);
    }
    await expect.poll(() => hooks.received.length, { timeout: 60_000 }).toBe(22);
    for (const r of hooks.received.slice(3))
      expect(verify(rotated, r)).toMatchObject({ type: 'webhook.test' });
    const delivered = log.getByRole('row').filter({ hasText: 'Delivered' });
    await card.getByRole('button', { name: 'Refresh' }).click();
    await expect(delivered).toHaveCount(20);
    await card.getByRole('button', { name: 'Load more' }).click();
    await expect(delivered).toHaveCount(22);
    await expect(rows).toHaveCount(2);
    await expect(card.getByRole('button', { name: 'Load more' })).toHaveCount(0);

    // Edit the URL and the description, from the keyboard. A URL the API refuses is said on its field,
    // the dialog stays open and nothing changes.
    await card.getByRole('button', { name: 'Edit', exact: true }).focus();
    await page.keyboard.press('Enter');
    const edit = page.getByRole('dialog', { name: `Edit ${url}` });
    const urlBox = edit.getByRole('textbox', { name: 'Endpoint URL' });
    await expect(urlBox).toBeFocused();
    await urlBox.fill('not a url');
    await page.keyboard.press('Enter');
    await expect(edit.getByText('This value is not valid.')).toBeVisible();
    await expect(urlBox).toBeFocused();
    await expect(urlBox).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'edit dialog with a refused URL');
    const moved = `${base}/hooks/billing-${Date.now()}/fails`;
    await urlBox.fill(moved);
    await edit.getByRole('textbox', { name: 'Description (optional)' }).fill('Billing system');
    await edit.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await expect(edit).toHaveCount(0);
    card = page.getByRole('region', { name: moved, exact: true });
    await expect(card.getByText(`The endpoint ${moved} was saved.`)).toBeVisible();
    await expect(card).toContainText('Billing system');
    await expect(card).not.toContainText('Our CRM');
    const listed = (
      (await (await page.request.get('/api/v1/webhook-endpoints')).json()) as {
        value: { id: string; url: string; description: string | null }[];
      }
    ).value.find((e) => e.id === endpointId);
    expect(listed).toMatchObject({ url: moved, description: 'Billing system' });

    // The receiver answers 500 there: the delivery log says why in words, not as a code.
    await card.getByRole('button', { name: 'Send test message' }).click();
    await expect(card.getByText(`A test message to ${moved} is on its way.`)).toBeVisible();
    await expect
      .poll(() => hooks.received.filter((r) => r.path.endsWith('/fails')).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    const movedLog = card.getByRole('table', { name: `Deliveries to ${moved}` });
    await card.getByRole('button', { name: 'Refresh' }).click();
    await expect(
      movedLog.getByRole('row').filter({ hasText: 'The receiver answered with HTTP status 500.' }),
    ).toHaveCount(1);
    await expect(movedLog).not.toContainText('httpStatus');
    await expectNoAxeViolations(page, 'delivery log with a failure');

    // Reflow at 320 px: the page with its delivery log, and the delete dialog.
    await page.setViewportSize({ width: 320, height: 720 });
    await expectReflow(page, 'Webhooks page with a delivery log, 320 px');
    await card.getByRole('button', { name: 'Delete' }).click();
    const remove = page.getByRole('alertdialog');
    await expect(remove).toContainText(`Delete the endpoint ${moved}?`);
    await dialogSettled(page);
    await expectReflow(page, 'delete dialog, 320 px');
    await expectNoAxeViolations(page, 'delete dialog');
    // Back first: nothing happens.
    await remove.getByRole('button', { name: 'Keep it' }).click();
    await expect(remove).toHaveCount(0);
    await expect(card).toHaveCount(1);
    await card.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId('webhooks-status')).toHaveText(`The endpoint ${moved} was deleted.`);
    await expect(card).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Endpoints' })).toBeFocused();
    const list = await page.request.get('/api/v1/webhook-endpoints');
    expect(((await list.json()) as { value: { url: string }[] }).value.map((e) => e.url)).not.toContain(
      moved,
    );
  } finally {
    await hooks.close();
  }
});
