import { MessageBar, MessageBarBody, makeStyles, Text, tokens } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { useUser } from '../../app/contexts.ts';
import { Page } from '../../components/Page.tsx';
import { canManageRoles } from '../../routes/access.ts';
import { Link } from '../../routes/router.tsx';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * A partner user without an incentive role gets an explanation, not a blank page or a 500
 * (spec §1 Account admin, R1), and an Account admin gets the way to fix it.
 */
export function NoIncentiveRolePage() {
  const styles = useStyles();
  const intl = useIntl();
  const user = useUser();
  // An Account admin can give herself the role: she is not told to ask one (issue 15).
  const admin = canManageRoles(user);
  return (
    <Page title={intl.formatMessage({ id: 'noRole.title' })}>
      <div className={styles.stack}>
        <MessageBar intent="warning" layout="multiline" politeness="polite">
          <MessageBarBody>
            <FormattedMessage id={admin ? 'noRole.bodyAdmin' : 'noRole.body'} />
          </MessageBarBody>
        </MessageBar>
        {admin ? (
          <>
            <Text as="p">
              <FormattedMessage id="noRole.accountAdmin" values={{ partner: user.partner?.name ?? '' }} />
            </Text>
            <p>
              <Link href="/admin/roles">
                <FormattedMessage id="noRole.manageRoles" />
              </Link>
            </p>
          </>
        ) : null}
      </div>
    </Page>
  );
}
