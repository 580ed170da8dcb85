import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { useUser } from '../../app/contexts.ts';
import { hasIncentiveRole } from '../../routes/access.ts';
import { NotAllowedPage } from '../errors/NotAllowedPage.tsx';
import { NoIncentiveRolePage } from '../home/NoIncentiveRolePage.tsx';

/**
 * R1: the engagement pages are for partner users with an incentive role on a location. Others get
 * the explanation instead of a page of errors (the server refuses the data too).
 */
export function RequireIncentiveRole({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const user = useUser();
  if (user.kind === 'operator')
    return <NotAllowedPage reason={intl.formatMessage({ id: 'engagements.operatorNotAllowed' })} />;
  if (!hasIncentiveRole(user)) return <NoIncentiveRolePage />;
  return <>{children}</>;
}
