import { type ComponentType, lazy } from 'react';
import { HomePage } from '../features/home/HomePage.tsx';
import { SignInPage } from '../features/session/SignInPage.tsx';

// The route table. Add a feature by adding a row (e.g. the Customers page:
// `{ path: '/engagements/:engagementId/customers', access: 'signedIn', component: lazy(...) }`)
// and, if it should be in the navigation, a NavItem in features/shell/AppShell.tsx.

export type Access =
  /** Only for signed-out visitors; a signed-in user is sent on to `returnTo` or home. */
  | 'signedOut'
  /** Needs a session; otherwise sign-in, then back here. */
  | 'signedIn';

export interface RouteDef {
  path: string;
  access: Access;
  component: ComponentType<{ params: Record<string, string> }>;
}

export const routes: RouteDef[] = [
  { path: '/signin', access: 'signedOut', component: SignInPage },
  { path: '/', access: 'signedIn', component: HomePage },
  {
    path: '/admin/roles',
    access: 'signedIn',
    // Only Account admins need it: keep it out of the initial bundle.
    component: lazy(() => import('../features/admin-roles/RolesPage.tsx')),
  },
];
