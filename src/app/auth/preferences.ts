import type { AppContext } from '../ports.ts';
import type { Principal } from './session-user.ts';
import { loadPrincipal } from './session-user.ts';

/** The locale and theme a user chose, remembered on their account (not on a device). */
export async function updatePreferences(
  ctx: AppContext,
  principal: Principal,
  input: { locale?: string | null; theme?: 'light' | 'dark' | null },
): Promise<Principal> {
  const changes: { locale?: string | null; theme?: 'light' | 'dark' | null } = {};
  if (input.locale !== undefined) changes.locale = input.locale;
  if (input.theme !== undefined) changes.theme = input.theme;
  await ctx.store.users.setPreferences(principal.user.id, changes);
  ctx.sessionCache?.forget(`user:${principal.user.id}`);
  return (await loadPrincipal(ctx.store, principal.user.id)) ?? principal;
}
