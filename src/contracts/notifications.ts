import { z } from 'zod';
import { Id } from './common.ts';

// In-app notifications (spec §4.3: decline, expiry, acceptance, deadlines; §4.4: review outcomes).
export const Notification = z
  .object({
    id: Id,
    kind: z.string(),
    /** Localised sentence for the signed-in user's language. */
    message: z.string(),
    nominationId: Id.nullable(),
    engagementId: Id.nullable(),
    createdAt: z.iso.datetime(),
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({ value: z.array(Notification), unreadCount: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationQuery = z.strictObject({
  maxpagesize: z.coerce.number().int().min(1).max(100).default(20),
});

/** Marks the given notifications read, or all of the user's when `ids` is absent. */
export const MarkNotificationsRead = z.strictObject({ ids: z.array(Id).max(100).optional() });
