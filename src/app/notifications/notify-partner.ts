import { appLink, mailSettings, messageIdDomain, queueRender } from '../mail/queue-mail.ts';
import type { AppContext } from '../ports.ts';
import type { Repositories } from '../store/index.ts';
import type { Notice } from '../store/notifications.ts';

export type { Notice } from '../store/notifications.ts';

// Partner notices (spec §4.3 R30 and "Beyond Partner Center", §4.4): an in-app notification for every
// user with an incentive role on the record's location, and one email to the record's partner contact
// (the one given with the consent request; else the user who added the record), in that user's
// language. Both are written in the transaction of the change, set-based (a sweep notifies thousands
// of records in one statement per chunk), and each notice has a dedupe key, so a sweep that runs
// twice, or two sweeps at once, notify once.

const CHUNK = 2000;

export async function notifyPartners(
  tx: Repositories,
  ctx: AppContext,
  notices: readonly Notice[],
  now: Date,
): Promise<void> {
  const mail = {
    linkBase: appLink(ctx, '/engagements/'),
    messageIdDomain: messageIdDomain(mailSettings(ctx).from),
    now,
  };
  for (let i = 0; i < notices.length; i += CHUNK)
    await queueRender(tx, await tx.notifications.notifyPartners(notices.slice(i, i + CHUNK), mail));
}
