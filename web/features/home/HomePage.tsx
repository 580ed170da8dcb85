import { useUser } from '../../app/contexts.ts';
import { hasIncentiveRole } from '../../routes/access.ts';
import { LocationsHome } from './LocationsHome.tsx';
import { NoIncentiveRolePage } from './NoIncentiveRolePage.tsx';
import { OperatorHome } from './OperatorHome.tsx';

/** `/`: what the signed-in user can do here depends on who they are (spec §1). */
export function HomePage() {
  const user = useUser();
  if (user.kind === 'operator') return <OperatorHome />;
  if (!hasIncentiveRole(user)) return <NoIncentiveRolePage />;
  return <LocationsHome />;
}
