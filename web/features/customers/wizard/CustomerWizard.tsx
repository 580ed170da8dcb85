import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Select,
  Spinner,
  Text,
  Textarea,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from '../../../api/cache.ts';
import { ApiError } from '../../../api/client.ts';
import { engagementsApi } from '../../../api/engagements.ts';
import { nominationsApi } from '../../../api/nominations.ts';
import type { CustomerLookup, EngagementDetail, LocationEligibility } from '../../../api/types.ts';
import { useUser } from '../../../app/contexts.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { errorText } from '../../../components/errors.ts';

// The Add customer (spec §4.1, R10–R17) and Claim customer (§4.2, R18–R22) wizards: one dialog, a
// visible and announced stepper, focus on the step heading at every step change, input kept when
// walking back, and server errors shown next to the step or field they concern.

const useStyles = makeStyles({
  surface: { maxWidth: 'min(640px, calc(100vw - 16px))', width: '100%', boxSizing: 'border-box' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    // The steps show GUIDs (the Tenant ID hint, the tenant found), emails and location names: at
    // 320 px an unbroken one wraps instead of making the dialog scroll sideways (WCAG 1.4.10).
    overflowWrap: 'anywhere',
  },
  // A native select is as wide as its longest option (a location's name and MPN ID): it shrinks
  // to the dialog's width; the open list still shows the options in full.
  select: { minWidth: 0 },
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
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalS },
  option: { display: 'flex', flexDirection: 'column', marginBottom: tokens.spacingVerticalS },
  reasons: {
    margin: 0,
    paddingLeft: `calc(${tokens.spacingHorizontalXXL} + ${tokens.spacingHorizontalL})`,
    color: tokens.colorNeutralForeground2,
    ...typographyStyles.caption1,
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
  id: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  actions: { flexWrap: 'wrap' },
  error: { ...typographyStyles.caption1, color: tokens.colorPaletteRedForeground1 },
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^[0-9]{1,16}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const REASON_MIN = 10;
const REASON_MAX = 500;

export interface WizardProps {
  mode: 'add' | 'claim';
  engagementId: string;
  /** Claim: the known customer (row) being claimed. */
  customer?: { id: string; name: string };
  /** changed: something was created (refresh the page). */
  onClose: (changed: boolean) => void;
}

type StepName = 'customer' | 'location' | 'workshops' | 'review' | 'confirmation';
const ADD_STEPS: StepName[] = ['customer', 'workshops', 'review', 'confirmation'];
const CLAIM_STEPS: StepName[] = ['location', 'workshops', 'review'];
const STEP_MESSAGE_IDS = {
  customer: 'wizard.step.customer',
  location: 'wizard.step.location',
  workshops: 'wizard.step.workshops',
  review: 'wizard.step.review',
  confirmation: 'wizard.step.confirmation',
} as const;

type IdField = { tenantId?: string; tpid?: number } | null;
function parseId(text: string): IdField {
  const v = text.trim();
  if (v === '') return {};
  if (GUID.test(v)) return { tenantId: v.toLowerCase() };
  if (DIGITS.test(v) && Number(v) > 0 && Number.isSafeInteger(Number(v))) return { tpid: Number(v) };
  return null;
}

interface Workshop {
  engagementId: string;
  name: string;
  selectable: boolean;
  reasons: { code: string; message: string }[];
}

type FieldName = 'location' | 'email' | 'id' | 'reason' | 'workshops';

export default function CustomerWizard({ mode, engagementId, customer, onClose }: WizardProps) {
  const styles = useStyles();
  const intl = useIntl();
  const user = useUser();
  const steps = mode === 'add' ? ADD_STEPS : CLAIM_STEPS;
  const [step, setStep] = useState(0);
  const [done, setDone] = useState<{ count: number; name: string } | null>(null);
  const stepName: StepName = done ? 'confirmation' : (steps[step] ?? 'review');

  const [locationId, setLocationId] = useState('');
  const [email, setEmail] = useState('');
  const [idText, setIdText] = useState('');
  const [reason, setReason] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [stepError, setStepError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const [lookup, setLookup] = useState<{ key: string; value: CustomerLookup } | null>(null);
  const [claimOptions, setClaimOptions] = useState<{ locationId: string; value: Workshop[] } | null>(null);
  // One key per confirmation: a retry of the same request reuses it (nothing is created twice); a
  // changed request (after going back and changing something) gets a new one.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const keyFor = (body: object) => {
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: crypto.randomUUID() };
    return attempt.current.key;
  };
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = { heading: useId(), stepper: useId(), reasonCount: useId(), workshopsError: useId() };

  const detail = useQuery(`engagements:detail:${engagementId}`, () => engagementsApi.get(engagementId));
  const roleLocations = useMemo(() => new Set(user.roles.map((r) => r.locationId)), [user.roles]);
  const locations = (detail.data?.locations ?? []).filter((l) => roleLocations.has(l.locationId));
  const offered = locations.filter((l) => l.enrolled && l.eligible);
  const excluded = locations.filter((l) => !(l.enrolled && l.eligible));

  // One location to choose from: chosen already.
  useEffect(() => {
    if (!locationId && offered.length > 0 && offered[0]) setLocationId(offered[0].locationId);
  }, [locationId, offered]);

  // Focus on the step heading at every step change (and when the dialog opens, or the discard
  // question shows or goes).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on a step change
  useEffect(() => {
    heading.current?.focus();
  }, [step, done, confirmingClose]);

  const parsedId = parseId(idText);
  const lookupKey = `${locationId}|${email.trim().toLowerCase()}|${idText.trim().toLowerCase()}`;
  const currentLookup = lookup?.key === lookupKey ? lookup.value : null;
  const workshops: Workshop[] =
    mode === 'add'
      ? (currentLookup?.workshops ?? [])
      : claimOptions?.locationId === locationId
        ? claimOptions.value
        : [];
  const reasonLength = reason.trim().length;
  const reasonValid = reasonLength >= REASON_MIN && reasonLength <= REASON_MAX;
  const dirty = email !== '' || idText !== '' || reason !== '' || step > 0;

  const goTo = (next: number) => {
    setStepError(null);
    setStep(next);
  };
  const requestClose = () => {
    if (done || !dirty || busy) {
      if (!busy) onClose(done !== null);
      return;
    }
    setConfirmingClose(true);
  };

  const preselect = (list: Workshop[]) =>
    setSelected((prev) => {
      const selectable = new Set(list.filter((w) => w.selectable).map((w) => w.engagementId));
      const kept = new Set([...prev].filter((id) => selectable.has(id)));
      if (kept.size === 0 && selectable.has(engagementId)) kept.add(engagementId);
      return kept;
    });

  // Step 1 of Add: check the fields, then ask the server who the customer is.
  const submitCustomer = async () => {
    const errors: Partial<Record<FieldName, string>> = {};
    if (!locationId) errors.location = intl.formatMessage({ id: 'wizard.location.required' });
    if (!email.trim()) errors.email = intl.formatMessage({ id: 'wizard.email.required' });
    else if (!EMAIL.test(email.trim())) errors.email = intl.formatMessage({ id: 'wizard.email.invalid' });
    if (parsedId === null) errors.id = intl.formatMessage({ id: 'wizard.id.invalid' });
    if (currentLookup?.mismatchReasonRequired && !reasonValid)
      errors.reason = intl.formatMessage({ id: 'wizard.reason.invalid' });
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0 || parsedId === null) return;
    if (currentLookup) {
      goTo(1);
      return;
    }
    setBusy(true);
    setStepError(null);
    try {
      const value = await nominationsApi.lookup({
        engagementId,
        locationId,
        email: email.trim(),
        ...parsedId,
      });
      setLookup({ key: lookupKey, value });
      preselect(value.workshops);
      // R14: a mismatch does not block, but needs a reason before going on.
      if (!value.mismatchReasonRequired || reasonValid) goTo(1);
    } catch (error) {
      const target = error instanceof ApiError ? fieldOf(error) : null;
      if (target && error instanceof ApiError) setFieldErrors({ [target]: errorText(intl, error) });
      else setStepError(error);
    } finally {
      setBusy(false);
    }
  };

  // Step 1 of Claim: the workshops where the chosen location is eligible (R20), this one first.
  const submitLocation = async () => {
    if (!locationId) {
      setFieldErrors({ location: intl.formatMessage({ id: 'wizard.location.required' }) });
      return;
    }
    setFieldErrors({});
    if (claimOptions?.locationId === locationId) {
      goTo(1);
      return;
    }
    setBusy(true);
    setStepError(null);
    try {
      const value = await claimWorkshops(engagementId, locationId);
      setClaimOptions({ locationId, value });
      preselect(value);
      goTo(1);
    } catch (error) {
      setStepError(error);
    } finally {
      setBusy(false);
    }
  };

  const submitWorkshops = () => {
    if ([...selected].filter((id) => workshops.some((w) => w.engagementId === id)).length === 0) {
      setFieldErrors({ workshops: intl.formatMessage({ id: 'wizard.workshops.required' }) });
      return;
    }
    setFieldErrors({});
    goTo(2);
  };

  const chosen = workshops.filter((w) => selected.has(w.engagementId));

  const submitNominations = async () => {
    setBusy(true);
    setStepError(null);
    const engagementIds = chosen.map((w) => w.engagementId);
    try {
      if (mode === 'add') {
        const body = {
          origin: 'add' as const,
          locationId,
          engagementIds,
          email: email.trim(),
          ...(parsedId ?? {}),
          ...(currentLookup?.mismatchReasonRequired ? { mismatchReason: reason.trim() } : {}),
        };
        await nominationsApi.create(body, keyFor(body));
      } else if (customer) {
        const body = { origin: 'claim' as const, locationId, engagementIds, customerId: customer.id };
        await nominationsApi.create(body, keyFor(body));
      }
      setDone({
        count: engagementIds.length,
        name: mode === 'add' ? (currentLookup?.tenant.name ?? email) : (customer?.name ?? ''),
      });
      if (mode === 'add') setStep(3);
    } catch (error) {
      const target = error instanceof ApiError ? fieldOf(error) : null;
      if (mode === 'add' && target && target !== 'workshops' && error instanceof ApiError) {
        // A field of step 1: show it there.
        setFieldErrors({ [target]: errorText(intl, error) });
        goTo(0);
      } else setStepError(error);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || confirmingClose) return;
    if (stepName === 'customer') void submitCustomer();
    else if (stepName === 'location') void submitLocation();
    else if (stepName === 'workshops') submitWorkshops();
    else if (stepName === 'review') void submitNominations();
  };

  const title =
    mode === 'add'
      ? intl.formatMessage({ id: 'wizard.add.title' })
      : intl.formatMessage({ id: 'wizard.claim.title' }, { customer: customer?.name ?? '' });
  const stepIndex = done && mode === 'claim' ? steps.length : (done ? 3 : step) + 1;
  const stepLabel = intl.formatMessage(
    { id: 'wizard.stepOf' },
    { step: stepIndex, total: steps.length, name: intl.formatMessage({ id: STEP_MESSAGE_IDS[stepName] }) },
  );
  const errorFor = (target: string | undefined) => {
    const match = /^engagementIds\[(\d+)\]$/.exec(target ?? '');
    return match ? chosen[Number(match[1])]?.name : undefined;
  };

  let body: ReactNode;
  if (confirmingClose) {
    body = (
      <Text as="p">
        <FormattedMessage id="wizard.discard.body" />
      </Text>
    );
  } else if (detail.error && !detail.data) {
    body = <ErrorMessage error={detail.error} onRetry={detail.reload} />;
  } else if (!detail.data) {
    body = <Spinner label={intl.formatMessage({ id: 'common.loading' })} />;
  } else if (done) {
    body = (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <FormattedMessage
            id={mode === 'add' ? 'wizard.done.added' : 'wizard.done.claimed'}
            values={{ customer: done.name, count: done.count }}
          />{' '}
          <FormattedMessage id="wizard.done.next" />
        </MessageBarBody>
      </MessageBar>
    );
  } else if (stepName === 'customer' || stepName === 'location') {
    body = (
      <>
        <LocationPicker
          offered={offered}
          excluded={excluded}
          value={locationId}
          onChange={(v) => {
            setLocationId(v);
            setFieldErrors((e) => ({ ...e, location: undefined }));
          }}
          error={fieldErrors.location}
        />
        {stepName === 'customer' ? (
          <>
            <Field
              label={intl.formatMessage({ id: 'wizard.email.label' })}
              hint={intl.formatMessage({ id: 'wizard.email.hint' })}
              required
              validationMessage={fieldErrors.email}
            >
              <Input
                type="email"
                autoComplete="off"
                value={email}
                maxLength={254}
                onChange={(_e, d) => {
                  setEmail(d.value);
                  setFieldErrors((e) => ({ ...e, email: undefined }));
                }}
              />
            </Field>
            <Field
              label={intl.formatMessage({ id: 'wizard.id.label' })}
              hint={intl.formatMessage({ id: 'wizard.id.hint' })}
              validationMessage={fieldErrors.id}
            >
              <Input
                value={idText}
                autoComplete="off"
                maxLength={64}
                onChange={(_e, d) => {
                  setIdText(d.value);
                  setFieldErrors((e) => ({ ...e, id: undefined }));
                }}
              />
            </Field>
            {currentLookup ? <TenantFound lookup={currentLookup} /> : null}
            {currentLookup?.mismatchReasonRequired ? (
              <>
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>
                      <FormattedMessage id="wizard.mismatch.title" />
                    </MessageBarTitle>
                    <FormattedMessage id="wizard.mismatch.body" />
                  </MessageBarBody>
                </MessageBar>
                <Field
                  label={intl.formatMessage({ id: 'wizard.reason.label' })}
                  required
                  validationMessage={fieldErrors.reason}
                  hint={{
                    id: ids.reasonCount,
                    children: intl.formatMessage({ id: 'wizard.reason.count' }, { count: reasonLength }),
                  }}
                >
                  <Textarea
                    value={reason}
                    resize="vertical"
                    maxLength={REASON_MAX}
                    onChange={(_e, d) => {
                      setReason(d.value);
                      setFieldErrors((e) => ({ ...e, reason: undefined }));
                    }}
                  />
                </Field>
              </>
            ) : null}
          </>
        ) : null}
      </>
    );
  } else if (stepName === 'workshops') {
    body = (
      <>
        {mode === 'add' && currentLookup ? <TenantFound lookup={currentLookup} /> : null}
        <fieldset
          className={styles.fieldset}
          aria-describedby={fieldErrors.workshops ? ids.workshopsError : undefined}
        >
          <legend className={styles.legend}>
            <FormattedMessage
              id={mode === 'add' ? 'wizard.workshops.legend' : 'wizard.workshops.claimLegend'}
            />
          </legend>
          {workshops.length === 0 ? (
            <Text as="p">
              <FormattedMessage id="wizard.workshops.empty" />
            </Text>
          ) : null}
          {workshops.map((w) => (
            <WorkshopChoice
              key={w.engagementId}
              workshop={w}
              checked={selected.has(w.engagementId)}
              onChange={(checked) => {
                setFieldErrors({});
                setSelected((prev) => {
                  const next = new Set(prev);
                  if (checked) next.add(w.engagementId);
                  else next.delete(w.engagementId);
                  return next;
                });
              }}
            />
          ))}
        </fieldset>
        {fieldErrors.workshops ? (
          <Text id={ids.workshopsError} role="alert" className={styles.error}>
            {fieldErrors.workshops}
          </Text>
        ) : null}
      </>
    );
  } else {
    const location = offered.find((l) => l.locationId === locationId);
    body = (
      <dl className={styles.summary}>
        <dt>
          <FormattedMessage id="wizard.review.location" />
        </dt>
        <dd>{location ? `${location.name} (MPN ID ${location.mpnId})` : '—'}</dd>
        {mode === 'add' ? (
          <>
            <dt>
              <FormattedMessage id="wizard.review.email" />
            </dt>
            <dd>{email.trim()}</dd>
          </>
        ) : null}
        <dt>
          <FormattedMessage id="wizard.review.customer" />
        </dt>
        <dd>{mode === 'add' ? currentLookup?.tenant.name : customer?.name}</dd>
        <dt>
          <FormattedMessage id="wizard.review.tenantId" />
        </dt>
        <dd className={styles.id}>{mode === 'add' ? currentLookup?.tenant.id : customer?.id}</dd>
        {mode === 'add' && currentLookup?.tenant.tpid ? (
          <>
            <dt>
              <FormattedMessage id="wizard.review.tpid" />
            </dt>
            <dd>{currentLookup.tenant.tpid}</dd>
          </>
        ) : null}
        {mode === 'add' && currentLookup?.mismatchReasonRequired ? (
          <>
            <dt>
              <FormattedMessage id="wizard.review.reason" />
            </dt>
            <dd>{reason.trim()}</dd>
          </>
        ) : null}
        <dt>
          <FormattedMessage id="wizard.review.workshops" values={{ count: chosen.length }} />
        </dt>
        <dd>
          <ul className={styles.list}>
            {chosen.map((w) => (
              <li key={w.engagementId}>{w.name}</li>
            ))}
          </ul>
        </dd>
      </dl>
    );
  }

  const stepErrorBar = stepError ? (
    <StepError
      error={stepError}
      workshop={stepError instanceof ApiError ? errorFor(stepError.target) : undefined}
    />
  ) : null;

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
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              {confirmingClose ? null : (
                <ol
                  className={styles.stepper}
                  id={ids.stepper}
                  aria-label={intl.formatMessage({ id: 'wizard.steps' })}
                >
                  {steps.map((s, i) => (
                    <li
                      key={s}
                      className={i + 1 === stepIndex ? styles.stepCurrent : undefined}
                      aria-current={i + 1 === stepIndex ? 'step' : undefined}
                    >
                      {i + 1}. <FormattedMessage id={STEP_MESSAGE_IDS[s]} />
                    </li>
                  ))}
                </ol>
              )}
              <h2 ref={heading} tabIndex={-1} id={ids.heading} className={styles.heading}>
                {confirmingClose ? intl.formatMessage({ id: 'wizard.discard.title' }) : stepLabel}
              </h2>
              {body}
              {confirmingClose ? null : stepErrorBar}
            </DialogContent>
            <DialogActions className={styles.actions}>
              {confirmingClose ? (
                <>
                  <Button key="discard" type="button" appearance="primary" onClick={() => onClose(false)}>
                    <FormattedMessage id="wizard.discard.confirm" />
                  </Button>
                  <Button key="keep" type="button" onClick={() => setConfirmingClose(false)}>
                    <FormattedMessage id="wizard.discard.keep" />
                  </Button>
                </>
              ) : done ? (
                <Button key="close" type="button" appearance="primary" onClick={() => onClose(true)}>
                  <FormattedMessage id="wizard.close" />
                </Button>
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
                    disabledFocusable={busy || (detail.data !== undefined && offered.length === 0)}
                    icon={busy ? <Spinner size="tiny" /> : undefined}
                  >
                    <FormattedMessage
                      id={
                        stepName === 'review' ? (busy ? 'wizard.submitting' : 'wizard.submit') : 'wizard.next'
                      }
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

/** The field of step 1 a server error is about (R13: on the field the user can change), if any. */
function fieldOf(error: ApiError): FieldName | null {
  const targets = [error.target, ...(error.details ?? []).map((d) => d.target)];
  for (const t of targets) {
    if (t === 'email') return 'email';
    if (t === 'tenantId' || t === 'tpid') return 'id';
    if (t === 'mismatchReason') return 'reason';
    if (t === 'locationId') return 'location';
  }
  if (targets.some((t) => t?.startsWith('engagementIds'))) return 'workshops';
  return null;
}

function StepError({ error, workshop }: { error: unknown; workshop?: string }) {
  const intl = useIntl();
  const code = error instanceof ApiError ? error.code : '';
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {workshop ? <MessageBarTitle>{workshop}</MessageBarTitle> : null}
        {errorText(intl, error)}
        {code === 'UseClaimCustomer' ? (
          <>
            {' '}
            <FormattedMessage id="wizard.error.useClaim" />
          </>
        ) : null}
        {code === 'DirectoryUnavailable' || (error instanceof ApiError && error.status >= 500) ? (
          <>
            {' '}
            <FormattedMessage id="wizard.error.tryAgain" />
          </>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}

function TenantFound({ lookup }: { lookup: CustomerLookup }) {
  const styles = useStyles();
  return (
    <MessageBar intent={lookup.mismatchReasonRequired ? 'info' : 'success'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          <FormattedMessage id="wizard.tenant.found" values={{ name: lookup.tenant.name }} />
        </MessageBarTitle>
        <FormattedMessage
          id="wizard.tenant.id"
          values={{ id: <span className={styles.id}>{lookup.tenant.id}</span> }}
        />
        {lookup.tenant.tpid ? (
          <>
            {' '}
            <FormattedMessage id="wizard.tenant.tpid" values={{ tpid: String(lookup.tenant.tpid) }} />
          </>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}

function LocationPicker({
  offered,
  excluded,
  value,
  onChange,
  error,
}: {
  offered: LocationEligibility[];
  excluded: LocationEligibility[];
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const styles = useStyles();
  const intl = useIntl();
  return (
    <>
      {offered.length === 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <FormattedMessage id="wizard.location.none" />
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Field label={intl.formatMessage({ id: 'wizard.location.label' })} required validationMessage={error}>
          <Select className={styles.select} value={value} onChange={(_e, d) => onChange(d.value)}>
            {offered.map((l) => (
              <option key={l.locationId} value={l.locationId}>
                {`${l.name} (MPN ID ${l.mpnId})`}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {excluded.length > 0 ? (
        <div>
          <Text as="p">
            <FormattedMessage id="wizard.location.excluded" values={{ count: excluded.length }} />
          </Text>
          <ul className={styles.list}>
            {excluded.map((l) => (
              <li key={l.locationId}>
                {l.name}:{' '}
                {l.reasons.map((r) => r.message).join(' ') ||
                  intl.formatMessage({ id: 'wizard.location.notEnrolled' })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function WorkshopChoice({
  workshop,
  checked,
  onChange,
}: {
  workshop: Workshop;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const styles = useStyles();
  const reasonsId = useId();
  return (
    <div className={styles.option}>
      <Checkbox
        label={workshop.name}
        checked={workshop.selectable && checked}
        disabled={!workshop.selectable}
        aria-describedby={workshop.reasons.length > 0 ? reasonsId : undefined}
        onChange={(_e, d) => onChange(d.checked === true)}
      />
      {workshop.reasons.length > 0 ? (
        <ul id={reasonsId} className={styles.reasons}>
          {workshop.reasons.map((r) => (
            <li key={`${r.code}:${r.message}`}>{r.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Claim (R20): the active workshops where the chosen location is eligible, this one first. The
 * customer's own eligibility is checked by the server when the claim is made (CustomerNotEligible).
 */
async function claimWorkshops(engagementId: string, locationId: string): Promise<Workshop[]> {
  const list = await engagementsApi.list({ kind: 'workshop', availability: 'active' });
  const others = list.value.filter((e) => e.id !== engagementId && e.hasCustomersPage);
  const details: EngagementDetail[] = await Promise.all([
    engagementsApi.get(engagementId),
    ...others.map((e) => engagementsApi.get(e.id)),
  ]);
  return details.flatMap((d) => {
    const l = d.locations.find((x) => x.locationId === locationId);
    if (!l) return [];
    const eligible = l.enrolled && l.eligible;
    return [
      {
        engagementId: d.id,
        name: d.name,
        selectable: eligible,
        reasons: eligible ? [] : l.reasons.map((r) => ({ code: r.code, message: r.message })),
      },
    ];
  });
}
