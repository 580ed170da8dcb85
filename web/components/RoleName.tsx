import { FormattedMessage } from 'react-intl';
import type { IncentiveRole } from '../api/types.ts';

export const ROLE_MESSAGE_IDS = {
  incentivesAdmin: 'role.incentivesAdmin',
  incentivesUser: 'role.incentivesUser',
} as const satisfies Record<IncentiveRole, string>;

export function RoleName({ value }: { value: IncentiveRole }) {
  return <FormattedMessage id={ROLE_MESSAGE_IDS[value]} />;
}
