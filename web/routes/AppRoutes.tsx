import { Suspense } from 'react';
import { useSession } from '../app/contexts.ts';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { NotFoundPage } from '../features/errors/NotFoundPage.tsx';
import { OperatorOnlyPage } from '../features/operator/OperatorOnlyPage.tsx';
import { AppShell } from '../features/shell/AppShell.tsx';
import { ProgramLayout } from '../features/shell/ProgramLayout.tsx';
import { PublicLayout } from '../features/shell/PublicLayout.tsx';
import { matchPath, Redirect, safeReturnPath, useLocation } from './router.tsx';
import { routes } from './routes.ts';

export function AppRoutes() {
  const { pathname, search } = useLocation();
  const { session } = useSession();
  const Layout = session ? AppShell : PublicLayout;

  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.access === 'signedIn' && !session) {
      const here = pathname + search;
      return <Redirect to={here === '/' ? '/signin' : `/signin?returnTo=${encodeURIComponent(here)}`} />;
    }
    if (route.access === 'signedOut' && session) {
      // Just signed in: the page the user came from (or home) takes focus, as after a navigation.
      return <Redirect to={safeReturnPath(new URLSearchParams(search).get('returnTo'))} focus />;
    }
    if (route.access === 'operator' && !session) {
      return <Redirect to={`/signin?returnTo=${encodeURIComponent(pathname + search)}`} />;
    }
    if (route.access === 'operator' && session?.user.kind !== 'operator') {
      // Spec §4.5: partner users never reach the operator's pages (the server answers 403 too).
      return (
        <Layout>
          <OperatorOnlyPage />
        </Layout>
      );
    }
    const Component = route.component;
    const RouteLayout = route.access === 'public' ? ProgramLayout : Layout;
    return (
      <RouteLayout>
        <Suspense fallback={<PageSpinner />}>
          <Component params={params} />
        </Suspense>
      </RouteLayout>
    );
  }

  return (
    <Layout>
      <NotFoundPage />
    </Layout>
  );
}
