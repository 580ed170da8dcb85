import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { ArrowRightRegular } from '@fluentui/react-icons';
import { useEffect, useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useUser } from '../../app/contexts.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { RoleName } from '../../components/RoleName.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { canManageRoles } from '../../routes/access.ts';
import { Link } from '../../routes/router.tsx';
import { preloadRoute } from '../../routes/routes.ts';
import { ActionCentre } from './ActionCentre.tsx';

const useStyles = makeStyles({
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  // Narrow enough for 320 px; long names wrap rather than scroll.
  table: { minWidth: '288px' },
  wrap: { overflowWrap: 'anywhere' },
  dl: { margin: 0, display: 'grid', gap: tokens.spacingVerticalS },
  dt: { ...typographyStyles.body1Strong },
  dd: { margin: 0, color: tokens.colorNeutralForeground2 },
  mpn: { fontVariantNumeric: 'tabular-nums' },
  callout: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
    boxShadow: tokens.shadow2,
  },
});

/** Home of a partner user with at least one incentive role: their locations and roles (R33). */
export function LocationsHome() {
  const styles = useStyles();
  const intl = useIntl();
  const user = useUser();
  const headingId = useId();
  const engagementsId = useId();
  // The engagements list is the next page most users open: fetch its code while they read this one.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(() => preloadRoute('/engagements'));
  }, []);
  const roles = [...user.roles].sort((a, b) => a.locationName.localeCompare(b.locationName, intl.locale));

  return (
    <Page title={intl.formatMessage({ id: 'home.title' }, { name: user.displayName })}>
      <Text as="p">
        <FormattedMessage
          id="home.summary"
          values={{ partner: user.partner?.name ?? '', count: roles.length }}
        />
      </Text>
      <ActionCentre />
      <section className={styles.callout} aria-labelledby={engagementsId}>
        <h2 id={engagementsId} className={styles.h2}>
          <FormattedMessage id="home.engagements.heading" />
        </h2>
        <Text as="p">
          <FormattedMessage id="home.engagements.body" />
        </Text>
        <LinkButton href="/engagements" appearance="primary" icon={<ArrowRightRegular />}>
          <FormattedMessage id="home.engagements.link" />
        </LinkButton>
      </section>
      <h2 id={headingId} className={styles.h2}>
        <FormattedMessage id="home.locations.heading" />
      </h2>
      <ScrollRegion labelledBy={headingId}>
        <Table className={styles.table} aria-labelledby={headingId}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>
                <FormattedMessage id="home.locations.location" />
              </TableHeaderCell>
              <TableHeaderCell className={styles.wrap}>
                <FormattedMessage id="home.locations.mpnId" />
              </TableHeaderCell>
              <TableHeaderCell>
                <FormattedMessage id="home.locations.role" />
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {roles.map((r) => (
              <TableRow key={r.locationId}>
                <TableCell className={styles.wrap}>{r.locationName}</TableCell>
                <TableCell className={styles.mpn}>{r.mpnId}</TableCell>
                <TableCell className={styles.wrap}>
                  <RoleName value={r.role} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollRegion>
      <h2 className={styles.h2}>
        <FormattedMessage id="home.roles.heading" />
      </h2>
      <dl className={styles.dl}>
        <dt className={styles.dt}>
          <RoleName value="incentivesAdmin" />
        </dt>
        <dd className={styles.dd}>
          <FormattedMessage id="home.roles.admin" />
        </dd>
        <dt className={styles.dt}>
          <RoleName value="incentivesUser" />
        </dt>
        <dd className={styles.dd}>
          <FormattedMessage id="home.roles.user" />
        </dd>
      </dl>
      {canManageRoles(user) ? (
        <p>
          <Link href="/admin/roles">
            <FormattedMessage id="home.manageRoles" />
          </Link>
        </p>
      ) : null}
    </Page>
  );
}
