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
  Spinner,
  Text,
} from '@fluentui/react-components';
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, type IntlShape, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { type CurrentConsent, consentApi } from '../../api/consent.ts';
import type { ConsentRequest, CustomerRow } from '../../api/types.ts';
import { useReached } from '../../components/appTime.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { errorText } from '../../components/errors.ts';
import { useWizardStyles } from '../../components/wizard/wizardStyles.ts';
import { isLocale, languageName } from '../../i18n/locales.ts';
import {
  type ContactErrors,
  CustomerContactFields,
  type CustomerContactInput,
  checkCustomerContact,
  serverFieldErrors,
  toCustomerContact,
  useContactDomainRule,
} from './contactForm.tsx';

// "Resend customer consent" (R29) and changing the customer contact while consent is pending (the
// old link stops working, a new email goes out). The current request comes with an ETag; the change
// sends it back as If-Match, so two people editing at once cannot overwrite each other silently.

export interface ResendConsentProps {
  row: CustomerRow;
  /** `done`: what was sent (the page refreshes and says so). */
  onClose: (done: { kind: 'resent' | 'changed'; request: ConsentRequest } | null) => void;
}

export function formatDateTime(intl: IntlShape, iso: string): string {
  return intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
}

export default function ResendConsentDialog({ row, onClose }: ResendConsentProps) {
  const styles = useWizardStyles();
  const intl = useIntl();
  const [current, setCurrent] = useState<CurrentConsent | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [editing, setEditing] = useState<CustomerContactInput | null>(null);
  const [errors, setErrors] = useState<ContactErrors>({});
  const [actionError, setActionError] = useState<{ error: unknown; message?: string } | null>(null);
  const [busy, setBusy] = useState<'resend' | 'change' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const waitNote = useId();
  const nominationId = row.nominationId ?? '';
  const rule = useContactDomainRule(row.nominationId);

  const load = useCallback(() => {
    setLoadError(null);
    consentApi.current(nominationId).then(setCurrent, setLoadError);
  }, [nominationId]);
  useEffect(load, [load]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus the heading when the view changes
  useEffect(() => {
    heading.current?.focus();
  }, [editing === null, current === null]);

  const request = current?.request;
  const available = useReached(request ? Date.parse(request.resendAvailableAt) : null);

  const resend = async () => {
    if (!request || !available) return;
    setBusy('resend');
    setActionError(null);
    try {
      const sent = await consentApi.resend(nominationId);
      onClose({ kind: 'resent', request: sent });
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 3600) / 60));
        setActionError({ error, message: intl.formatMessage({ id: 'consent.resend.tooSoon' }, { minutes }) });
      } else setActionError({ error });
    } finally {
      setBusy(null);
    }
  };

  const change = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing || busy) return;
    const found = checkCustomerContact(intl, editing, rule);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy('change');
    setActionError(null);
    try {
      const next = await consentApi.changeContact(
        nominationId,
        { customerContact: toCustomerContact(editing) },
        current?.etag ?? null,
      );
      onClose({ kind: 'changed', request: next.request });
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else if (error instanceof ApiError && error.status === 412) {
        setActionError({ error, message: intl.formatMessage({ id: 'consent.change.conflict' }) });
        load();
      } else setActionError({ error });
    } finally {
      setBusy(null);
    }
  };

  const startEditing = () => {
    if (!request) return;
    setErrors({});
    setActionError(null);
    const c = request.customerContact;
    setEditing({
      name: c.name,
      email: c.email,
      phone: c.phone ?? '',
      locale: isLocale(c.locale) ? c.locale : 'en',
    });
  };

  const title = intl.formatMessage({ id: 'consent.resend.title' }, { customer: row.name });
  let content: ReactNode;
  if (loadError && !request) {
    content = <ErrorMessage error={loadError} onRetry={load} />;
  } else if (!request) {
    content = <Spinner label={intl.formatMessage({ id: 'common.loading' })} />;
  } else if (editing) {
    content = (
      <>
        <Text as="p">
          <FormattedMessage id="consent.change.intro" />
        </Text>
        <CustomerContactFields
          value={editing}
          errors={errors}
          rule={rule}
          onChange={(next, field) => {
            setEditing(next);
            setErrors((e) => ({ ...e, [field]: undefined }));
          }}
        />
      </>
    );
  } else {
    const c = request.customerContact;
    content = (
      <>
        {request.emailStatus === 'failed' ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <FormattedMessage id="consent.emailFailed.explain" values={{ email: c.email }} />
            </MessageBarBody>
          </MessageBar>
        ) : null}
        <dl className={styles.summary}>
          <dt>
            <FormattedMessage id="consent.review.contact" />
          </dt>
          <dd>{c.name}</dd>
          <dt>
            <FormattedMessage id="consent.review.email" />
          </dt>
          <dd>{c.email}</dd>
          {c.phone ? (
            <>
              <dt>
                <FormattedMessage id="consent.review.phone" />
              </dt>
              <dd>{c.phone}</dd>
            </>
          ) : null}
          <dt>
            <FormattedMessage id="consent.review.locale" />
          </dt>
          <dd>{languageName(c.locale, intl.locale)}</dd>
          <dt>
            <FormattedMessage id="consent.resend.lastSent" />
          </dt>
          <dd>{formatDateTime(intl, request.lastSentAt)}</dd>
          <dt>
            <FormattedMessage id="consent.resend.sendCount" />
          </dt>
          <dd>
            <FormattedMessage id="consent.resend.sendCountValue" values={{ count: request.sendCount }} />
          </dd>
          <dt>
            <FormattedMessage id="consent.resend.emailStatus" />
          </dt>
          <dd>
            <FormattedMessage id={`consent.emailStatus.${request.emailStatus}`} />
          </dd>
          <dt>
            <FormattedMessage id="consent.resend.deadline" />
          </dt>
          <dd>
            <FormattedMessage id="customers.countdown.consent" values={{ days: request.daysLeft }} /> (
            {formatDateTime(intl, request.consentDueAt)})
          </dd>
        </dl>
        {available ? null : (
          <Text as="p" id={waitNote} className={styles.note}>
            <FormattedMessage
              id="consent.resend.wait"
              values={{ time: formatDateTime(intl, request.resendAvailableAt) }}
            />
          </Text>
        )}
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
        if (busy) return;
        if (editing) setEditing(null);
        else onClose(null);
      }}
    >
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <form onSubmit={change} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              <h2 ref={heading} tabIndex={-1} className={styles.heading}>
                <FormattedMessage id={editing ? 'consent.change.heading' : 'consent.resend.heading'} />
              </h2>
              {content}
              {actionError ? (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{actionError.message ?? errorText(intl, actionError.error)}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions className={styles.actions}>
              {editing ? (
                <>
                  <Button
                    key="save"
                    type="submit"
                    appearance="primary"
                    disabledFocusable={busy !== null}
                    icon={busy === 'change' ? <Spinner size="tiny" /> : undefined}
                  >
                    <FormattedMessage id="consent.change.save" />
                  </Button>
                  <Button key="back" type="button" disabled={busy !== null} onClick={() => setEditing(null)}>
                    <FormattedMessage id="wizard.cancel" />
                  </Button>
                </>
              ) : (
                <>
                  <Button
                    key="resend"
                    type="button"
                    appearance="primary"
                    disabledFocusable={!request || !available || busy !== null}
                    aria-describedby={request && !available ? waitNote : undefined}
                    icon={busy === 'resend' ? <Spinner size="tiny" /> : undefined}
                    onClick={() => void resend()}
                  >
                    <FormattedMessage id="consent.resend.button" />
                  </Button>
                  <Button
                    key="change"
                    type="button"
                    disabledFocusable={!request || busy !== null}
                    onClick={startEditing}
                  >
                    <FormattedMessage id="consent.change.button" />
                  </Button>
                  <Button key="close" type="button" disabled={busy !== null} onClick={() => onClose(null)}>
                    <FormattedMessage id="wizard.close" />
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
