import { useIntl } from 'react-intl';
import { NotAllowedPage } from '../errors/NotAllowedPage.tsx';

/** What a partner user sees at an operator route (spec §4.5: operator routes are a separate role). */
export function OperatorOnlyPage() {
  const intl = useIntl();
  return <NotAllowedPage reason={intl.formatMessage({ id: 'operator.notAllowed' })} />;
}
