import { type ComponentType, createElement, lazy } from 'react';
import { preloadCustomersPage } from '../features/customers/firstLoad.ts';
import { HomePage } from '../features/home/HomePage.tsx';
import { SignInPage } from '../features/session/SignInPage.tsx';
import { matchPath } from './router.tsx';

// The route table. Add a feature by adding a row and, if it should be in the navigation, a NavItem
// in features/shell/AppShell.tsx. Features not needed on the first paint are lazy-loaded, so that
// the initial JS stays within its budget (quality §2).

type Access =
  /** Only for signed-out visitors; a signed-in user is sent on to `returnTo` or home. */
  | 'signedOut'
  /** Needs a session; otherwise sign-in, then back here. */
  | 'signedIn'
  /** For anyone, signed in or not, always in the public layout (e.g. the consent page from an email). */
  | 'public'
  /** Needs a session of the program operator (spec §4.5); anyone else sees "not allowed". */
  | 'operator';

export interface RouteDef {
  path: string;
  access: Access;
  component: ComponentType<{ params: Record<string, string> }>;
  /** For a lazy page: starts loading its code (main.tsx calls it for the first URL, in parallel with the session probe). */
  preload?: () => Promise<unknown>;
  /**
   * Starts the page's first requests into the read cache (api/cache.ts) under the page's own keys:
   * main.tsx calls it for the first URL alongside the session probe, so the page finds its data there.
   */
  preloadData?: (params: Record<string, string>, search: string) => void;
}

type PageComponent = ComponentType<{ params: Record<string, string> }>;

/**
 * A lazily loaded page whose code can also be fetched ahead of rendering. Once its code is here the
 * page renders directly, without suspending: React shows a suspended page's content at the earliest
 * 300 ms after its fallback (Suspense throttling), which a deep link to the Customers page would
 * otherwise pay on every load (quality §2: first rows within 1 s of navigation).
 */
function lazyPage(load: () => Promise<{ default: PageComponent }>) {
  let loaded: PageComponent | null = null;
  const preload = () =>
    load().then((module) => {
      loaded = module.default;
      return module;
    });
  const Lazy = lazy(preload);
  // biome-ignore lint/correctness/noComponentHookFactories: made once per route when this module loads, like React.lazy
  const Page: PageComponent = (props) => createElement(loaded ?? Lazy, props);
  return { component: Page, preload };
}

export const routes: RouteDef[] = [
  { path: '/signin', access: 'signedOut', component: SignInPage },
  { path: '/', access: 'signedIn', component: HomePage },
  {
    path: '/admin/roles',
    access: 'signedIn',
    // Only Account admins need it: keep it out of the initial bundle.
    ...lazyPage(() => import('../features/admin-roles/RolesPage.tsx')),
  },
  {
    // Issue 15 item 2: the Account admin's users and invitations.
    path: '/admin/users',
    access: 'signedIn',
    ...lazyPage(() => import('../features/admin-users/UsersPage.tsx')),
  },
  {
    path: '/admin/api-tokens',
    access: 'signedIn',
    // Only Incentives admins need it: keep it out of the initial bundle.
    ...lazyPage(() => import('../features/api-tokens/ApiTokensPage.tsx')),
  },
  {
    path: '/admin/webhooks',
    access: 'signedIn',
    // Only Incentives admins need it: keep it out of the initial bundle.
    ...lazyPage(() => import('../features/webhooks/WebhooksPage.tsx')),
  },
  {
    path: '/activity',
    access: 'signedIn',
    // Incentives admins and the operator: keep it out of the initial bundle.
    ...lazyPage(() => import('../features/activity/ActivityPage.tsx')),
  },
  {
    path: '/engagements',
    access: 'signedIn',
    ...lazyPage(() => import('../features/engagements/EngagementsPage.tsx')),
  },
  {
    path: '/engagements/:engagementId',
    access: 'signedIn',
    ...lazyPage(() => import('../features/engagements/EngagementSummaryPage.tsx')),
  },
  {
    path: '/engagements/:engagementId/customers',
    access: 'signedIn',
    ...lazyPage(() => import('../features/customers/CustomersPage.tsx')),
    preloadData: preloadCustomersPage,
  },
  {
    // The workshop claim of one engagement customer (spec §4.4), from the Customers page's row actions.
    path: '/engagements/:engagementId/customers/:nominationId/claim',
    access: 'signedIn',
    ...lazyPage(() => import('../features/claims/ClaimPage.tsx')),
  },
  {
    // The survey page of a workshop claim, opened from the email (spec §4.4): no sign-in, no app shell.
    path: '/survey/:token',
    access: 'public',
    ...lazyPage(() => import('../features/survey/PublicSurveyPage.tsx')),
  },
  {
    // Demo aids: the embedded mailbox and the test clock (only when the server has them on).
    path: '/mailbox',
    access: 'signedIn',
    ...lazyPage(() => import('../features/mailbox/MailboxPage.tsx')),
  },
  {
    // The invitee's page, opened from the invitation email (issue 15 item 2): no sign-in, no app shell.
    path: '/invitations/:token',
    access: 'public',
    ...lazyPage(() => import('../features/invitation/PublicInvitationPage.tsx')),
  },
  {
    // The customer's consent page, opened from the email (spec §4.3): no sign-in, no app shell.
    path: '/consent/:token',
    access: 'public',
    ...lazyPage(() => import('../features/consent/PublicConsentPage.tsx')),
  },
  // The program operator's back office (spec §4.5): operators only, never in a partner's bundle.
  {
    path: '/operator/claims',
    access: 'operator',
    ...lazyPage(() => import('../features/operator/ReviewQueuePage.tsx')),
  },
  {
    path: '/operator/claims/:nominationId',
    access: 'operator',
    ...lazyPage(() => import('../features/operator/ClaimReviewPage.tsx')),
  },
  {
    path: '/operator/engagements',
    access: 'operator',
    ...lazyPage(() => import('../features/operator/EngagementListPage.tsx')),
  },
  {
    path: '/operator/engagements/new',
    access: 'operator',
    ...lazyPage(() => import('../features/operator/EngagementEditorPage.tsx')),
  },
  {
    path: '/operator/engagements/:engagementId',
    access: 'operator',
    ...lazyPage(() => import('../features/operator/EngagementEditorPage.tsx')),
  },
];

/** Fetches the code of the page at `pathname` ahead of a likely navigation (e.g. while the browser is idle). */
export function preloadRoute(pathname: string): void {
  const route = routes.find((r) => matchPath(r.path, pathname));
  route?.preload?.().catch(() => {
    // the navigation, if it happens, reports the failure
  });
}
