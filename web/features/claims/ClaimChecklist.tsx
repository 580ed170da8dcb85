import {
  Button,
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Link as FluentLink,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  mergeClasses,
  ProgressBar,
  Spinner,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import {
  ArrowDownloadRegular,
  ArrowUploadRegular,
  CheckmarkCircleFilled,
  CircleRegular,
  MailRegular,
} from '@fluentui/react-icons';
import { type DragEvent, type FormEvent, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { claimsApi } from '../../api/claims.ts';
import { ApiError } from '../../api/client.ts';
import type { FileKind, PoeItem } from '../../api/types.ts';
import { useSession } from '../../app/contexts.ts';
import { errorText } from '../../components/errors.ts';
import { FormDialogActions } from '../../components/FormDialogActions.tsx';
import { useVisuallyHidden } from '../../components/visuallyHidden.ts';
import { isLocale, LOCALE_NAMES } from '../../i18n/locales.ts';
import {
  checkPartnerSurvey,
  PartnerSurveyFields,
  type PartnerSurveyInput,
  partnerSurveyInput,
  type SurveyErrors,
  serverSurveyErrors,
  toPartnerAnswers,
} from '../survey/surveyForms.tsx';
import { date, dateTime, fileSize, poeName, useClaim, useClaimStyles } from './claimShared.ts';

// The proof-of-execution checklist (spec §4.4, S1–S4): four items, completed in any order, each with
// its state and what can be done about it now.

const MB = 1024 * 1024;
/** The server's limits (src/app/claims/uploads.ts), checked here too so that a large file is not sent for nothing. */
const LIMITS: Record<FileKind, { maxBytes: number; accept: string }> = {
  findingsReport: { maxBytes: 25 * MB, accept: '.pdf,.docx,.pptx' },
  invoice: { maxBytes: 10 * MB, accept: '.pdf' },
};

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 420px), 1fr))',
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    height: '100%',
    boxSizing: 'border-box',
    // Items show contact emails and file names: an unbroken one wraps inside the item rather than
    // widen the page at 320 px (WCAG 1.4.10).
    overflowWrap: 'anywhere',
  },
  dropping: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  itemHead: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  stateIcon: { flexShrink: 0, fontSize: '20px', marginTop: '2px' },
  done: { color: tokens.colorPaletteGreenForeground1 },
  missing: { color: tokens.colorNeutralForeground3 },
  headText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  state: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  fileLine: { overflowWrap: 'anywhere' },
  answers: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    ...typographyStyles.caption1,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  },
});

export function ClaimChecklist() {
  const styles = useStyles();
  const shared = useClaimStyles();
  const { claim } = useClaim();
  const heading = useId();
  const required = claim.items.filter((i) => i.required);
  const done = required.filter((i) => i.done).length;
  return (
    <section className={shared.section} aria-labelledby={heading}>
      <h2 id={heading} className={shared.h2}>
        <FormattedMessage id="claim.poe.heading" />
      </h2>
      <Text as="p" className={shared.muted}>
        <FormattedMessage id="claim.poe.progress" values={{ done, total: required.length }} />
      </Text>
      <ul className={styles.list}>
        {claim.items.map((item) => (
          <li key={item.kind}>
            {item.kind === 'findingsReport' || item.kind === 'invoice' ? (
              <FileItem item={item} kind={item.kind} />
            ) : item.kind === 'partnerSurvey' ? (
              <PartnerSurveyItem item={item} />
            ) : (
              <CustomerSurveyItem item={item} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ItemHead({ item, headingId }: { item: PoeItem; headingId: string }) {
  const styles = useStyles();
  const shared = useClaimStyles();
  const intl = useIntl();
  const Icon = item.done ? CheckmarkCircleFilled : CircleRegular;
  const state = item.done
    ? 'claim.poe.state.done'
    : item.required
      ? 'claim.poe.state.missing'
      : 'claim.poe.state.optional';
  return (
    <div className={styles.itemHead}>
      <Icon
        aria-hidden
        className={mergeClasses(styles.stateIcon, item.done ? styles.done : styles.missing)}
      />
      <div className={styles.headText}>
        <h3 id={headingId} className={shared.h3}>
          {poeName(intl, item.kind)}
        </h3>
        <span className={styles.state}>
          <FormattedMessage id={state} />
          {item.required ? null : (
            <>
              {' · '}
              <FormattedMessage id="claim.poe.notRequired" />
            </>
          )}
        </span>
      </div>
    </div>
  );
}

// ── Files ────────────────────────────────────────────────────────────────────────────────────────

type UploadState =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; fraction: number }
  | { kind: 'error'; title: string; body: string };

function FileItem({ item, kind }: { item: PoeItem; kind: FileKind }) {
  const styles = useStyles();
  const shared = useClaimStyles();
  const hidden = useVisuallyHidden();
  const intl = useIntl();
  const { session } = useSession();
  const { nominationId, editable, applied } = useClaim();
  const [state, setState] = useState<UploadState>({ kind: 'idle' });
  const [dropping, setDropping] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const hintId = useId();
  const limitMb = LIMITS[kind].maxBytes / MB;
  const kindName = poeName(intl, kind);
  const busy = state.kind === 'uploading';

  const upload = async (file: File) => {
    if (busy) return;
    if (file.size > LIMITS[kind].maxBytes) {
      setState({
        kind: 'error',
        title: intl.formatMessage({ id: 'claim.upload.tooLarge.title' }),
        body: intl.formatMessage(
          { id: `claim.upload.tooLarge.${kind}` },
          { name: file.name, size: fileSize(intl, file.size), max: limitMb },
        ),
      });
      return;
    }
    setState({ kind: 'uploading', name: file.name, fraction: 0 });
    try {
      const next = await claimsApi.upload(nominationId, kind, file, {
        csrfToken: session?.csrfToken ?? null,
        onProgress: (fraction) => setState({ kind: 'uploading', name: file.name, fraction }),
      });
      setState({ kind: 'idle' });
      applied(next, intl.formatMessage({ id: 'claim.upload.done' }, { kind: kindName, name: file.name }));
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      const server = error instanceof ApiError && error.hasServerMessage ? error.message : null;
      if (status === 415)
        setState({
          kind: 'error',
          title: server ?? intl.formatMessage({ id: 'claim.upload.wrongType.title' }),
          body: intl.formatMessage({ id: `claim.upload.wrongType.${kind}` }, { name: file.name }),
        });
      else if (status === 413)
        setState({
          kind: 'error',
          title: server ?? intl.formatMessage({ id: 'claim.upload.tooLarge.title' }),
          body: intl.formatMessage(
            { id: `claim.upload.tooLarge.${kind}` },
            { name: file.name, size: fileSize(intl, file.size), max: limitMb },
          ),
        });
      else
        setState({
          kind: 'error',
          title: intl.formatMessage({ id: 'claim.upload.failed' }, { name: file.name }),
          body: errorText(intl, error),
        });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const onDrop = (event: DragEvent) => {
    if (!editable) return;
    event.preventDefault();
    setDropping(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is an extra; the button does the same
    <div
      className={mergeClasses(styles.item, dropping && styles.dropping)}
      onDragOver={(e) => {
        if (!editable) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
      data-poe={kind}
    >
      <ItemHead item={item} headingId={headingId} />
      {item.file ? (
        <Text as="p" className={styles.fileLine}>
          <FluentLink
            href={claimsApi.fileUrl(nominationId, kind)}
            download={item.file.name}
            aria-label={intl.formatMessage({ id: 'claim.file.download' }, { name: item.file.name })}
          >
            <ArrowDownloadRegular aria-hidden /> {item.file.name}
          </FluentLink>{' '}
          <span className={shared.muted}>
            <FormattedMessage
              id={item.file.uploadedBy ? 'claim.file.uploadedBy' : 'claim.file.uploaded'}
              values={{
                size: fileSize(intl, item.file.sizeBytes),
                date: dateTime(intl, item.file.uploadedAt),
                name: item.file.uploadedBy ?? '',
              }}
            />
          </span>
        </Text>
      ) : (
        <Text as="p" className={shared.muted}>
          <FormattedMessage id="claim.file.none" />
        </Text>
      )}
      {editable ? (
        <>
          <Text as="p" id={hintId} className={shared.muted}>
            <FormattedMessage id={`claim.file.hint.${kind}`} values={{ max: limitMb }} />
          </Text>
          <input
            ref={input}
            type="file"
            className={hidden.root}
            tabIndex={-1}
            accept={LIMITS[kind].accept}
            aria-label={intl.formatMessage({ id: 'claim.file.input' }, { kind: kindName })}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          <div className={shared.buttons}>
            <Button
              icon={busy ? <Spinner size="tiny" /> : <ArrowUploadRegular />}
              disabledFocusable={busy}
              aria-describedby={hintId}
              aria-label={intl.formatMessage(
                { id: 'customers.action.label' },
                {
                  action: intl.formatMessage({ id: item.file ? 'claim.file.replace' : 'claim.file.upload' }),
                  customer: kindName,
                },
              )}
              onClick={() => input.current?.click()}
            >
              <FormattedMessage id={item.file ? 'claim.file.replace' : 'claim.file.upload'} />
            </Button>
          </div>
        </>
      ) : null}
      {state.kind === 'uploading' ? (
        <div className={shared.stack}>
          <ProgressBar
            value={state.fraction}
            max={1}
            thickness="large"
            aria-labelledby={`${headingId}-progress`}
          />
          <Text id={`${headingId}-progress`} role="status">
            <FormattedMessage
              id="claim.upload.progress"
              values={{ name: state.name, percent: Math.round(state.fraction * 100) }}
            />
          </Text>
        </div>
      ) : null}
      {state.kind === 'error' ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{state.title}</MessageBarTitle> {state.body}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}

// ── Partner survey ───────────────────────────────────────────────────────────────────────────────

function SurveyState({ item }: { item: PoeItem }) {
  const intl = useIntl();
  const shared = useClaimStyles();
  const s = item.survey;
  if (!s) return null;
  if (s.state === 'completed' && s.completedAt)
    return (
      <Text as="p">
        <FormattedMessage
          id={item.completedBy ? 'claim.survey.completedBy' : 'claim.survey.completed'}
          values={{ date: dateTime(intl, s.completedAt), name: item.completedBy ?? '' }}
        />
      </Text>
    );
  if (s.state === 'sent' && s.sentAt)
    return (
      <Text as="p">
        <FormattedMessage
          id="claim.survey.sent"
          values={{
            date: dateTime(intl, s.sentAt),
            name: s.contact?.name ?? '',
            email: s.contact?.email ?? '',
          }}
        />
      </Text>
    );
  return (
    <Text as="p" className={shared.muted}>
      <FormattedMessage id="claim.survey.notSent" />
    </Text>
  );
}

function PartnerAnswers({ answers }: { answers: Record<string, unknown> }) {
  const styles = useStyles();
  const intl = useIntl();
  const input = partnerSurveyInput(answers);
  const delivered = /^\d{4}-\d{2}-\d{2}$/.test(input.deliveredOn)
    ? intl.formatDate(`${input.deliveredOn}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' })
    : input.deliveredOn;
  return (
    <dl className={styles.answers}>
      <dt>
        <FormattedMessage id="survey.partner.deliveredOn" />
      </dt>
      <dd>{delivered}</dd>
      <dt>
        <FormattedMessage id="survey.partner.durationHours" />
      </dt>
      <dd>{input.durationHours}</dd>
      <dt>
        <FormattedMessage id="survey.partner.attendees" />
      </dt>
      <dd>{input.attendees}</dd>
      <dt>
        <FormattedMessage id="survey.partner.topicsCovered" />
      </dt>
      <dd>{input.topicsCovered}</dd>
      <dt>
        <FormattedMessage id="survey.partner.nextSteps" />
      </dt>
      <dd>{input.nextSteps}</dd>
    </dl>
  );
}

function PartnerSurveyItem({ item }: { item: PoeItem }) {
  const styles = useStyles();
  const shared = useClaimStyles();
  const { editable } = useClaim();
  const headingId = useId();
  const [open, setOpen] = useState<'answer' | 'send' | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const s = item.survey;
  const completed = s?.state === 'completed';
  const show = (which: 'answer' | 'send') => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(which);
  };
  const close = () => {
    setOpen(null);
    const back = opener.current;
    window.requestAnimationFrame(() => {
      if (back?.isConnected) back.focus();
      else document.getElementById(headingId)?.closest('li')?.querySelector<HTMLElement>('button')?.focus();
    });
  };
  return (
    <div className={styles.item} data-poe="partnerSurvey">
      <ItemHead item={item} headingId={headingId} />
      <SurveyState item={item} />
      {s?.answers ? <PartnerAnswers answers={s.answers} /> : null}
      {editable ? (
        <div className={shared.buttons}>
          <Button appearance={completed ? 'secondary' : 'primary'} onClick={() => show('answer')}>
            <FormattedMessage id={completed ? 'claim.partnerSurvey.edit' : 'claim.partnerSurvey.answer'} />
          </Button>
          {completed ? null : (
            <Button icon={<MailRegular />} onClick={() => show('send')}>
              <FormattedMessage
                id={s?.state === 'sent' ? 'claim.partnerSurvey.resend' : 'claim.partnerSurvey.send'}
              />
            </Button>
          )}
        </div>
      ) : null}
      {open === 'answer' ? <PartnerSurveyDialog item={item} onClose={close} /> : null}
      {open === 'send' ? <SendPartnerSurveyDialog item={item} onClose={close} /> : null}
    </div>
  );
}

function PartnerSurveyDialog({ item, onClose }: { item: PoeItem; onClose: () => void }) {
  const shared = useClaimStyles();
  const intl = useIntl();
  const { nominationId, applied, claim } = useClaim();
  const [value, setValue] = useState<PartnerSurveyInput>(() => partnerSurveyInput(item.survey?.answers));
  const [errors, setErrors] = useState<SurveyErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = checkPartnerSurvey(intl, value);
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) {
      window.requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('[role="dialog"] [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setBusy(true);
    try {
      const next = await claimsApi.answerPartnerSurvey(nominationId, { answers: toPartnerAnswers(value) });
      applied(next, intl.formatMessage({ id: 'claim.partnerSurvey.saved' }));
      onClose();
    } catch (e) {
      const fields = serverSurveyErrors(e);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(_e, d) => {
        if (!d.open && !busy) onClose();
      }}
    >
      <DialogSurface className={shared.dialog} aria-describedby={undefined}>
        <form onSubmit={save} noValidate>
          <DialogBody>
            <DialogTitle>
              <FormattedMessage
                id="claim.partnerSurvey.dialogTitle"
                values={{ customer: claim.customer.name }}
              />
            </DialogTitle>
            <DialogContent className={shared.dialogContent}>
              <Text as="p">
                <FormattedMessage id="claim.partnerSurvey.intro" />
              </Text>
              <PartnerSurveyFields
                value={value}
                errors={errors}
                onChange={(next, field) => {
                  setValue(next);
                  setErrors((e) => ({ ...e, [field]: undefined }));
                }}
              />
              {error ? (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{errorText(intl, error)}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <FormDialogActions busy={busy} submit="claim.partnerSurvey.save" onCancel={onClose} />
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function SendPartnerSurveyDialog({ item, onClose }: { item: PoeItem; onClose: () => void }) {
  const shared = useClaimStyles();
  const intl = useIntl();
  const { nominationId, applied, claim } = useClaim();
  const initial = item.survey?.contact ?? claim.partnerContact;
  const [name, setName] = useState(initial?.name ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [errors, setErrors] = useState<{ name?: string; email?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: { name?: string; email?: string } = {};
    if (!name.trim()) found.name = intl.formatMessage({ id: 'consent.field.name.required' });
    else if (name.trim().length > 200) found.name = intl.formatMessage({ id: 'consent.field.name.invalid' });
    if (!email.trim()) found.email = intl.formatMessage({ id: 'consent.field.email.required' });
    else if (!EMAIL.test(email.trim()) || email.trim().length > 254)
      found.email = intl.formatMessage({ id: 'consent.field.email.invalid' });
    setErrors(found);
    setError(null);
    if (found.name || found.email) return;
    setBusy(true);
    try {
      const contact = { name: name.trim(), email: email.trim() };
      const next = await claimsApi.sendPartnerSurvey(nominationId, { contact });
      applied(next, intl.formatMessage({ id: 'claim.partnerSurvey.sentTo' }, contact));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(_e, d) => {
        if (!d.open && !busy) onClose();
      }}
    >
      <DialogSurface className={shared.dialog} aria-describedby={undefined}>
        <form onSubmit={send} noValidate>
          <DialogBody>
            <DialogTitle>
              <FormattedMessage id="claim.partnerSurvey.sendTitle" />
            </DialogTitle>
            <DialogContent className={shared.dialogContent}>
              <Text as="p">
                <FormattedMessage id="claim.partnerSurvey.sendIntro" />
              </Text>
              <Field
                label={intl.formatMessage({ id: 'claim.contact.name' })}
                required
                validationMessage={errors.name}
              >
                <Input value={name} maxLength={200} onChange={(_e, d) => setName(d.value)} />
              </Field>
              <Field
                label={intl.formatMessage({ id: 'claim.contact.email' })}
                required
                validationMessage={errors.email}
              >
                <Input type="email" value={email} maxLength={254} onChange={(_e, d) => setEmail(d.value)} />
              </Field>
              {error ? (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{errorText(intl, error)}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <FormDialogActions busy={busy} submit="claim.partnerSurvey.sendButton" onCancel={onClose} />
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

// ── Customer survey ──────────────────────────────────────────────────────────────────────────────

function CustomerSurveyItem({ item }: { item: PoeItem }) {
  const styles = useStyles();
  const shared = useClaimStyles();
  const intl = useIntl();
  const { claim, nominationId, editable, applied } = useClaim();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const s = item.survey;
  const contact = claim.customerContact;
  const completed = s?.state === 'completed';
  // Surveys can be re-sent while the claim window is open (S6): to the first submit, or after
  // "action required" to the end of the review window.
  const windowEnd = claim.status === 'action_required' ? claim.reviewDueAt : claim.claimDueAt;

  const send = async () => {
    if (busy || !contact) return;
    setBusy(true);
    setError(null);
    try {
      const next = await claimsApi.sendCustomerSurvey(nominationId);
      applied(
        next,
        intl.formatMessage(
          { id: s?.state === 'sent' ? 'claim.customerSurvey.resent' : 'claim.customerSurvey.sentTo' },
          { name: contact.name, email: contact.email },
        ),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.item} data-poe="customerSurvey">
      <ItemHead item={item} headingId={headingId} />
      <SurveyState item={item} />
      {!completed && contact ? (
        <Text as="p" className={shared.muted}>
          <FormattedMessage
            id="claim.customerSurvey.goesTo"
            values={{
              name: contact.name,
              email: contact.email,
              language: isLocale(contact.locale) ? LOCALE_NAMES[contact.locale] : contact.locale,
            }}
          />
        </Text>
      ) : null}
      {!completed && !contact && editable ? (
        <Text as="p">
          <FormattedMessage id="claim.customerSurvey.noContact" />
        </Text>
      ) : null}
      {editable && !completed && contact ? (
        <div className={shared.buttons}>
          <Button
            icon={busy ? <Spinner size="tiny" /> : <MailRegular />}
            appearance={s?.state === 'sent' ? 'secondary' : 'primary'}
            disabledFocusable={busy}
            onClick={() => void send()}
          >
            <FormattedMessage
              id={s?.state === 'sent' ? 'claim.customerSurvey.resend' : 'claim.customerSurvey.send'}
            />
          </Button>
        </div>
      ) : null}
      {s?.state === 'sent' && windowEnd && editable ? (
        <Text as="p" className={shared.muted}>
          <FormattedMessage id="claim.customerSurvey.resendNote" values={{ date: date(intl, windowEnd) }} />
        </Text>
      ) : null}
      {error ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{errorText(intl, error)}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
