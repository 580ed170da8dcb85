import {
  Button,
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
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { consentApi } from '../../api/consent.ts';
import type { ConsentRequest, CustomerRow } from '../../api/types.ts';
import { usePreferences, useUser } from '../../app/contexts.ts';
import { errorText } from '../../components/errors.ts';
import { LOCALE_NAMES } from '../../i18n/locales.ts';
import {
  type ContactErrors,
  CustomerContactFields,
  type CustomerContactInput,
  checkCustomerContact,
  checkPartnerContact,
  PartnerContactFields,
  type PartnerContactInput,
  serverFieldErrors,
  toCustomerContact,
  toPartnerContact,
  useContactDomainRule,
} from './contactForm.tsx';

// "Trigger customer consent" (spec §4.3, R26–R28): the customer's contact, the partner's own
// contact, review → Send for consent. Same dialog conventions as the Add customer wizard: a visible
// stepper, focus on the step heading at every step, Back keeps the input, Esc asks before discarding.

export const useDialogStyles = makeStyles({
  surface: { maxWidth: 'min(600px, calc(100vw - 16px))', width: '100%', boxSizing: 'border-box' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    // The review repeats the contact's email in a sentence: at 320 px an unbroken address wraps
    // instead of making the dialog scroll sideways (WCAG 1.4.10).
    overflowWrap: 'anywhere',
  },
  stepper: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  stepCurrent: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  heading: {
    ...typographyStyles.subtitle2,
    margin: 0,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  summary: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)', '& dd': { marginBottom: '8px' } },
  },
  sectionTitle: { ...typographyStyles.body1Strong, margin: 0 },
  actions: { flexWrap: 'wrap', gridColumn: '1 / -1', justifyContent: 'flex-end' },
  note: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
});

export interface TriggerConsentProps {
  row: CustomerRow;
  /** `sent`: the request that went out (the page refreshes and says so). */
  onClose: (sent: ConsentRequest | null) => void;
}

type StepName = 'customer' | 'partner' | 'review';
const STEPS: StepName[] = ['customer', 'partner', 'review'];
const STEP_IDS = {
  customer: 'consent.step.customer',
  partner: 'consent.step.partner',
  review: 'consent.step.review',
} as const;

export default function TriggerConsentWizard({ row, onClose }: TriggerConsentProps) {
  const styles = useDialogStyles();
  const intl = useIntl();
  const user = useUser();
  const { locale } = usePreferences();
  const [step, setStep] = useState(0);
  const [customer, setCustomer] = useState<CustomerContactInput>({ name: '', email: '', phone: '', locale });
  const [partner, setPartner] = useState<PartnerContactInput>({
    name: user.displayName,
    email: user.email,
    phone: '',
  });
  const [errors, setErrors] = useState<ContactErrors>({});
  const rule = useContactDomainRule(row.nominationId);
  const [stepError, setStepError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const keyFor = (body: object) => {
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: crypto.randomUUID() };
    return attempt.current.key;
  };
  const stepName = STEPS[step] ?? 'review';
  const dirty = customer.name !== '' || customer.email !== '' || customer.phone !== '' || step > 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on a step change
  useEffect(() => {
    heading.current?.focus();
  }, [step, confirmingClose]);

  const goTo = (next: number) => {
    setStepError(null);
    setStep(next);
  };
  const requestClose = () => {
    if (busy) return;
    if (!dirty) onClose(null);
    else setConfirmingClose(true);
  };
  const clearError = (field: string) => setErrors((e) => ({ ...e, [field]: undefined }));

  const submit = async () => {
    const body = { customerContact: toCustomerContact(customer), partnerContact: toPartnerContact(partner) };
    if (!row.nominationId) return;
    setBusy(true);
    setStepError(null);
    try {
      const sent = await consentApi.request(row.nominationId, body, keyFor(body));
      onClose(sent);
    } catch (error) {
      const fields = serverFieldErrors(error);
      const targets = Object.keys(fields);
      if (targets.length > 0) {
        setErrors(fields);
        goTo(targets.some((t) => t.startsWith('customerContact.')) ? 0 : 1);
      } else setStepError(error);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || confirmingClose) return;
    if (stepName === 'customer') {
      const found = checkCustomerContact(intl, customer, rule);
      setErrors(found);
      if (Object.keys(found).length === 0) goTo(1);
    } else if (stepName === 'partner') {
      const found = checkPartnerContact(intl, partner);
      setErrors(found);
      if (Object.keys(found).length === 0) goTo(2);
    } else void submit();
  };

  const stepLabel = intl.formatMessage(
    { id: 'wizard.stepOf' },
    { step: step + 1, total: STEPS.length, name: intl.formatMessage({ id: STEP_IDS[stepName] }) },
  );

  let body: ReactNode;
  if (confirmingClose) {
    body = (
      <Text as="p">
        <FormattedMessage id="wizard.discard.body" />
      </Text>
    );
  } else if (stepName === 'customer') {
    body = (
      <>
        <Text as="p">
          <FormattedMessage id="consent.customer.intro" values={{ customer: row.name }} />
        </Text>
        <CustomerContactFields
          value={customer}
          errors={errors}
          rule={rule}
          onChange={(next, field) => {
            setCustomer(next);
            clearError(field);
          }}
        />
      </>
    );
  } else if (stepName === 'partner') {
    body = (
      <>
        <Text as="p">
          <FormattedMessage id="consent.partner.intro" />
        </Text>
        <PartnerContactFields
          value={partner}
          errors={errors}
          onChange={(next, field) => {
            setPartner(next);
            clearError(field);
          }}
        />
      </>
    );
  } else {
    body = (
      <>
        <h3 className={styles.sectionTitle}>
          <FormattedMessage id="consent.review.customer" />
        </h3>
        <dl className={styles.summary}>
          <dt>
            <FormattedMessage id="consent.review.customerName" />
          </dt>
          <dd>{row.name}</dd>
          <dt>
            <FormattedMessage id="consent.review.contact" />
          </dt>
          <dd>{customer.name.trim()}</dd>
          <dt>
            <FormattedMessage id="consent.review.email" />
          </dt>
          <dd>{customer.email.trim()}</dd>
          {customer.phone.trim() ? (
            <>
              <dt>
                <FormattedMessage id="consent.review.phone" />
              </dt>
              <dd>{customer.phone.trim()}</dd>
            </>
          ) : null}
          <dt>
            <FormattedMessage id="consent.review.locale" />
          </dt>
          <dd lang={customer.locale}>{LOCALE_NAMES[customer.locale]}</dd>
        </dl>
        <h3 className={styles.sectionTitle}>
          <FormattedMessage id="consent.review.partner" />
        </h3>
        <dl className={styles.summary}>
          <dt>
            <FormattedMessage id="consent.review.contact" />
          </dt>
          <dd>{partner.name.trim()}</dd>
          <dt>
            <FormattedMessage id="consent.review.email" />
          </dt>
          <dd>{partner.email.trim()}</dd>
          {partner.phone.trim() ? (
            <>
              <dt>
                <FormattedMessage id="consent.review.phone" />
              </dt>
              <dd>{partner.phone.trim()}</dd>
            </>
          ) : null}
        </dl>
        <Text as="p">
          <FormattedMessage
            id="consent.review.what"
            values={{ email: customer.email.trim(), language: LOCALE_NAMES[customer.locale] }}
          />{' '}
          {row.daysLeft !== null ? (
            <FormattedMessage id="consent.review.daysLeft" values={{ days: row.daysLeft }} />
          ) : null}
        </Text>
      </>
    );
  }

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(event, data) => {
        if (data.open) return;
        event.preventDefault?.();
        if (confirmingClose) setConfirmingClose(false);
        else requestClose();
      }}
    >
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <form onSubmit={onSubmit} noValidate>
          <DialogBody>
            <DialogTitle>
              <FormattedMessage id="consent.wizard.title" values={{ customer: row.name }} />
            </DialogTitle>
            <DialogContent className={styles.content}>
              {confirmingClose ? null : (
                <ol className={styles.stepper} aria-label={intl.formatMessage({ id: 'wizard.steps' })}>
                  {STEPS.map((s, i) => (
                    <li
                      key={s}
                      className={i === step ? styles.stepCurrent : undefined}
                      aria-current={i === step ? 'step' : undefined}
                    >
                      {i + 1}. <FormattedMessage id={STEP_IDS[s]} />
                    </li>
                  ))}
                </ol>
              )}
              <h2 ref={heading} tabIndex={-1} className={styles.heading}>
                {confirmingClose ? intl.formatMessage({ id: 'wizard.discard.title' }) : stepLabel}
              </h2>
              {body}
              {stepError && !confirmingClose ? (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>
                    {errorText(intl, stepError)}
                    {stepError instanceof ApiError && (stepError.status >= 500 || stepError.status === 0) ? (
                      <>
                        {' '}
                        <FormattedMessage id="wizard.error.tryAgain" />
                      </>
                    ) : null}
                  </MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions className={styles.actions}>
              {confirmingClose ? (
                <>
                  <Button key="discard" type="button" appearance="primary" onClick={() => onClose(null)}>
                    <FormattedMessage id="wizard.discard.confirm" />
                  </Button>
                  <Button key="keep" type="button" onClick={() => setConfirmingClose(false)}>
                    <FormattedMessage id="wizard.discard.keep" />
                  </Button>
                </>
              ) : (
                <>
                  {step > 0 ? (
                    <Button key="back" type="button" onClick={() => goTo(step - 1)} disabled={busy}>
                      <FormattedMessage id="wizard.back" />
                    </Button>
                  ) : null}
                  <Button
                    key="submit"
                    type="submit"
                    appearance="primary"
                    disabledFocusable={busy}
                    icon={busy ? <Spinner size="tiny" /> : undefined}
                  >
                    <FormattedMessage
                      id={stepName === 'review' ? (busy ? 'consent.sending' : 'consent.send') : 'wizard.next'}
                    />
                  </Button>
                  <Button key="cancel" type="button" onClick={requestClose} disabled={busy}>
                    <FormattedMessage id="wizard.cancel" />
                  </Button>
                </>
              )}
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
