import {
  Badge,
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
import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { partnerApi } from '../../api/partner.ts';
import type { PartnerLocation, PartnerUser } from '../../api/types.ts';
import { useSession, useUser } from '../../app/contexts.ts';
import { ActionStatus, useActionStatus } from '../../components/ActionStatus';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { errorText } from '../../components/errors.ts';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { canManageRoles } from '../../routes/access.ts';
import { NotAllowedPage } from '../errors/NotAllowedPage.tsx';
import { EnrolmentSection } from './EnrolmentSection.tsx';
import { type CellState, RoleCell, type RoleChoice, useChoiceLabel } from './RoleCell.tsx';
import { useRolesData } from './useRolesData.ts';

const useStyles = makeStyles({
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  userCell: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: '6px' },
  userName: { ...typographyStyles.body1Strong, overflowWrap: 'anywhere' },
  secondary: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  locationHead: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    paddingBlock: '6px',
    fontWeight: tokens.fontWeightSemibold,
  },
  rowHeader: { fontWeight: tokens.fontWeightRegular, textAlign: 'start', verticalAlign: 'top' },
  cell: { verticalAlign: 'top' },
  status: { minHeight: '0' },
});

const cellKey = (userId: string, locationId: string) => `${userId}|${locationId}`;

/** `/admin/roles`: the Account admin grants incentive roles per user and location (spec §1, R33). */
export default function RolesPage() {
  const intl = useIntl();
  const user = useUser();
  if (!canManageRoles(user)) {
    return <NotAllowedPage reason={intl.formatMessage({ id: 'notAllowed.roles' })} />;
  }
  return <RolesEditor />;
}

function RolesEditor() {
  const styles = useStyles();
  const intl = useIntl();
  const me = useUser();
  const { refresh } = useSession();
  const { data, reload, replaceUser, replaceLocation } = useRolesData();
  const [cells, setCells] = useState<Record<string, CellState>>({});
  const { status, announce } = useActionStatus();
  const choiceLabel = useChoiceLabel();
  const tableHeadingId = useId();

  const title = intl.formatMessage({ id: 'roles.title' });

  if (data.status === 'loading') {
    return (
      <Page title={title}>
        <PageSpinner label={intl.formatMessage({ id: 'roles.loading' })} />
      </Page>
    );
  }
  if (data.status === 'error') {
    if (data.error instanceof ApiError && data.error.status === 403) {
      return <NotAllowedPage reason={intl.formatMessage({ id: 'notAllowed.roles' })} />;
    }
    return (
      <Page title={title}>
        <ErrorMessage
          error={data.error}
          title={intl.formatMessage({ id: 'roles.loadFailed' })}
          onRetry={reload}
        />
      </Page>
    );
  }

  const { locations, users } = data;

  const change = async (target: PartnerUser, location: PartnerLocation, next: RoleChoice) => {
    const key = cellKey(target.id, location.id);
    setCells((c) => ({ ...c, [key]: 'saving' }));
    const names = { user: target.displayName, location: location.name };
    try {
      if (next === 'none') {
        await partnerApi.removeRole(target.id, location.id);
        replaceUser({ ...target, roles: target.roles.filter((r) => r.locationId !== location.id) });
        announce('success', intl.formatMessage({ id: 'roles.status.removed' }, names));
      } else {
        replaceUser(await partnerApi.setRole(target.id, location.id, { role: next }));
        announce(
          'success',
          intl.formatMessage({ id: 'roles.status.assigned' }, { ...names, role: choiceLabel(next) }),
        );
      }
      setCells((c) => ({ ...c, [key]: 'saved' }));
      // Changing one's own roles changes what the app offers (home page, R1).
      if (target.id === me.id) await refresh().catch(() => undefined);
    } catch (error) {
      setCells((c) => ({ ...c, [key]: 'failed' }));
      announce(
        'error',
        intl.formatMessage({ id: 'roles.status.failed' }, { ...names, reason: errorText(intl, error) }),
      );
    }
  };

  return (
    <Page title={title}>
      <Text as="p">
        <FormattedMessage id="roles.intro" values={{ partner: me.partner?.name ?? '' }} />
      </Text>
      <Text as="p">
        <FormattedMessage id="roles.summary" values={{ users: users.length, locations: locations.length }} />
      </Text>
      {/* The outcome of the last change; a new key per change so that each one is announced. */}
      <div className={styles.status}>
        <ActionStatus status={status} testId="roles-status" />
      </div>
      {/* R39: the Account admin also enrols and withdraws the partner's locations (issue 15 item 3). */}
      <EnrolmentSection locations={locations} onChange={replaceLocation} />
      <h2 id={tableHeadingId} className={styles.h2}>
        <FormattedMessage id="roles.table.heading" />
      </h2>
      <ScrollRegion labelledBy={tableHeadingId}>
        <Table aria-labelledby={tableHeadingId} style={{ minWidth: `${14 + 13 * locations.length}rem` }}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">
                <FormattedMessage id="roles.table.user" />
              </TableHeaderCell>
              {locations.map((l) => (
                <TableHeaderCell key={l.id} scope="col">
                  <span className={styles.locationHead}>
                    <span>{l.name}</span>
                    <span className={styles.secondary}>
                      <FormattedMessage id="roles.table.mpn" values={{ mpnId: l.mpnId }} />
                    </span>
                    {l.enrolled ? null : (
                      <Badge appearance="tint" color="informative" size="small">
                        <FormattedMessage id="roles.table.notEnrolled" />
                      </Badge>
                    )}
                  </span>
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((u) => (
              <TableRow key={u.id}>
                <TableHeaderCell scope="row" className={styles.rowHeader}>
                  <span className={styles.userCell}>
                    <span className={styles.userName}>{u.displayName}</span>
                    <span className={styles.secondary}>{u.email}</span>
                    {u.isAccountAdmin ? (
                      <span className={styles.secondary}>
                        <FormattedMessage id="roles.table.accountAdmin" />
                      </span>
                    ) : null}
                  </span>
                </TableHeaderCell>
                {locations.map((l) => {
                  const role = u.roles.find((r) => r.locationId === l.id)?.role ?? 'none';
                  return (
                    <TableCell key={l.id} className={styles.cell}>
                      <RoleCell
                        label={intl.formatMessage(
                          { id: 'roles.cell.label' },
                          { user: u.displayName, location: l.name, mpnId: l.mpnId },
                        )}
                        value={role}
                        state={cells[cellKey(u.id, l.id)] ?? 'idle'}
                        onChange={(next) => void change(u, l, next)}
                      />
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollRegion>
    </Page>
  );
}
