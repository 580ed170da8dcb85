import {
  Badge,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
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
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { invalidate } from '../../api/cache.ts';
import { partnerApi } from '../../api/partner.ts';
import type { PartnerLocation } from '../../api/types.ts';
import { ActionStatus, useActionStatus } from '../../components/ActionStatus';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { errorSentences } from '../../components/errors.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';

// R39, issue 15 item 3: the Account admin enrols the partner's locations in the MCI program (accepting
// the program terms) and withdraws them while nothing runs there.

const useStyles = makeStyles({
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  cellStack: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBlock: '6px',
  },
  name: { ...typographyStyles.body1Strong, overflowWrap: 'anywhere' },
  secondary: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  rowHeader: { fontWeight: tokens.fontWeightRegular, textAlign: 'start', verticalAlign: 'top' },
  cell: { verticalAlign: 'top' },
  terms: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: '40vh',
    overflowY: 'auto',
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  status: { minHeight: '0' },
});

export function EnrolmentSection({
  locations,
  onChange,
}: {
  locations: PartnerLocation[];
  onChange: (location: PartnerLocation) => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const headingId = useId();
  const [enrolling, setEnrolling] = useState<PartnerLocation | null>(null);
  const [withdrawing, setWithdrawing] = useState<PartnerLocation | null>(null);
  const { status, announce } = useActionStatus();
  /** The button that opened a dialog, to give focus back to the row's new button when it closes. */
  const focusAfter = useRef<string | null>(null);

  const done = (location: PartnerLocation, text: string) => {
    onChange(location);
    // Eligibility, the Add wizard's locations and the engagement summary change at once (R39).
    invalidate('engagements:');
    announce('success', text);
  };

  return (
    <div>
      <h2 id={headingId} className={styles.h2}>
        <FormattedMessage id="enrolment.heading" />
      </h2>
      <Text as="p">
        <FormattedMessage id="enrolment.intro" />
      </Text>
      <div className={styles.status}>
        <ActionStatus status={status} testId="enrolment-status" />
      </div>
      <ScrollRegion labelledBy={headingId}>
        <Table aria-labelledby={headingId} style={{ minWidth: '32rem' }}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">
                <FormattedMessage id="enrolment.table.location" />
              </TableHeaderCell>
              <TableHeaderCell scope="col">
                <FormattedMessage id="enrolment.table.status" />
              </TableHeaderCell>
              <TableHeaderCell scope="col">
                <FormattedMessage id="enrolment.table.action" />
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {locations.map((l) => (
              <TableRow key={l.id} data-testid={`enrolment-row-${l.mpnId}`}>
                <TableHeaderCell scope="row" className={styles.rowHeader}>
                  <span className={styles.cellStack}>
                    <span className={styles.name}>{l.name}</span>
                    <span className={styles.secondary}>
                      <FormattedMessage id="roles.table.mpn" values={{ mpnId: l.mpnId }} />
                    </span>
                  </span>
                </TableHeaderCell>
                <TableCell className={styles.cell}>
                  <span className={styles.cellStack}>
                    <span>
                      <Badge appearance="tint" color={l.enrolled ? 'success' : 'informative'} size="medium">
                        <FormattedMessage
                          id={l.enrolled ? 'enrolment.status.enrolled' : 'roles.table.notEnrolled'}
                        />
                      </Badge>
                    </span>
                    {l.enrolled && l.enrolledAt ? (
                      <span className={styles.secondary}>
                        {l.enrolledBy ? (
                          <FormattedMessage
                            id="enrolment.enrolledOnBy"
                            values={{
                              date: intl.formatDate(l.enrolledAt, { dateStyle: 'medium' }),
                              name: l.enrolledBy.displayName,
                            }}
                          />
                        ) : (
                          <FormattedMessage
                            id="enrolment.enrolledOn"
                            values={{ date: intl.formatDate(l.enrolledAt, { dateStyle: 'medium' }) }}
                          />
                        )}
                      </span>
                    ) : null}
                  </span>
                </TableCell>
                <TableCell className={styles.cell}>
                  <Button
                    ref={(node) => {
                      if (node && focusAfter.current === l.id) {
                        focusAfter.current = null;
                        node.focus();
                      }
                    }}
                    appearance={l.enrolled ? 'secondary' : 'primary'}
                    aria-label={intl.formatMessage(
                      { id: l.enrolled ? 'enrolment.withdraw.label' : 'enrolment.enrol.label' },
                      { location: l.name },
                    )}
                    onClick={() => (l.enrolled ? setWithdrawing(l) : setEnrolling(l))}
                  >
                    <FormattedMessage id={l.enrolled ? 'enrolment.withdraw' : 'enrolment.enrol'} />
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollRegion>
      {enrolling ? (
        <EnrolDialog
          location={enrolling}
          onClose={(enrolled) => {
            focusAfter.current = enrolling.id;
            setEnrolling(null);
            if (enrolled)
              done(
                enrolled,
                intl.formatMessage({ id: 'enrolment.done.enrolled' }, { location: enrolled.name }),
              );
          }}
        />
      ) : null}
      {withdrawing ? (
        <ConfirmDialog
          title={intl.formatMessage({ id: 'enrolment.withdrawDialog.title' }, { location: withdrawing.name })}
          body={intl.formatMessage({ id: 'enrolment.withdrawDialog.body' })}
          confirmLabel={intl.formatMessage({ id: 'enrolment.withdrawDialog.confirm' })}
          backLabel={intl.formatMessage({ id: 'enrolment.withdrawDialog.back' })}
          errorTestId="withdraw-error"
          onConfirm={async () => {
            await partnerApi.withdraw(withdrawing.id);
            focusAfter.current = withdrawing.id;
            setWithdrawing(null);
            done(
              { ...withdrawing, enrolled: false, enrolledAt: null, enrolledBy: null },
              intl.formatMessage({ id: 'enrolment.done.withdrawn' }, { location: withdrawing.name }),
            );
          }}
          onClose={() => {
            focusAfter.current = withdrawing.id;
            setWithdrawing(null);
          }}
        />
      ) : null}
    </div>
  );
}

function EnrolDialog({
  location,
  onClose,
}: {
  location: PartnerLocation;
  onClose: (enrolled?: PartnerLocation) => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const termsId = useId();
  const termsHeadingId = useId();
  const checkboxError = useId();
  const [accepted, setAccepted] = useState(false);
  const [showRequired, setShowRequired] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key for this dialog: a retry after a lost answer does not enrol twice.
  const [key] = useState(() => crypto.randomUUID());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!accepted) {
      setShowRequired(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onClose(await partnerApi.enrol(location.id, { acceptTerms: true }, key));
    } catch (e) {
      setError(errorSentences(intl, e).join(' '));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(_e, d) => {
        if (!d.open && !busy) onClose();
      }}
    >
      <DialogSurface aria-describedby={termsId}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>
              <FormattedMessage id="enrolment.dialog.title" values={{ location: location.name }} />
            </DialogTitle>
            <DialogContent className={styles.form}>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the terms scroll at small sizes: reachable by keyboard */}
              <section id={termsId} className={styles.terms} tabIndex={0} aria-labelledby={termsHeadingId}>
                <Text as="h3" id={termsHeadingId} weight="semibold" style={{ margin: 0 }}>
                  <FormattedMessage id="enrolment.terms.heading" />
                </Text>
                <Text as="p" style={{ margin: 0 }}>
                  <FormattedMessage id="enrolment.terms.intro" />
                </Text>
                <ul className={styles.list}>
                  <li>
                    <FormattedMessage id="enrolment.terms.earning" />
                  </li>
                  <li>
                    <FormattedMessage id="enrolment.terms.consent" />
                  </li>
                  <li>
                    <FormattedMessage id="enrolment.terms.evidence" />
                  </li>
                  <li>
                    <FormattedMessage id="enrolment.terms.withdrawal" />
                  </li>
                </ul>
              </section>
              <Checkbox
                checked={accepted}
                disabled={busy}
                onChange={(_e, d) => {
                  setAccepted(d.checked === true);
                  if (d.checked) setShowRequired(false);
                }}
                label={intl.formatMessage({ id: 'enrolment.dialog.accept' }, { location: location.name })}
                aria-invalid={showRequired || undefined}
                aria-describedby={showRequired ? checkboxError : undefined}
              />
              {showRequired ? (
                <Text id={checkboxError} style={{ color: tokens.colorPaletteRedForeground1 }}>
                  <FormattedMessage id="enrolment.dialog.acceptRequired" />
                </Text>
              ) : null}
              {error ? (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button
                type="submit"
                appearance="primary"
                disabledFocusable={busy}
                icon={busy ? <Spinner size="tiny" /> : undefined}
              >
                <FormattedMessage id="enrolment.dialog.confirm" />
              </Button>
              <Button type="button" disabled={busy} onClick={() => onClose()}>
                <FormattedMessage id="enrolment.dialog.cancel" />
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
