import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { SendRegular } from '@fluentui/react-icons';
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { DisputeBody } from '../../../src/contracts/claims.ts';
import { claimsApi } from '../../api/claims.ts';
import { ApiError } from '../../api/client.ts';
import type { WorkshopClaim } from '../../api/types.ts';
import { errorText } from '../../components/errors.ts';
import { fieldErrors, lengthLimits } from '../../components/fieldErrors.ts';
import { statusLabel } from '../../components/statusLabels.ts';
import { CancelClaimDialog } from './CancelClaimDialog.tsx';
import { ClaimFormDialog } from './ClaimFormDialog.tsx';
import { date, poeName, useClaim, useClaimStyles } from './claimShared.ts';

// Submit (S9), cancel (before the first submit) and dispute (once, within the dispute window). Each
// asks first (cancelling, destructive, in the shared ConfirmDialog); each request carries an
// Idempotency-Key kept for the dialog, so a retry acts once.

type Open = 'submit' | 'cancel' | 'dispute' | null;

export function ClaimActions() {
  const shared = useClaimStyles();
  const intl = useIntl();
  const { claim } = useClaim();
  const heading = useId();
  const missingId = useId();
  const [open, setOpen] = useState<Open>(null);
  const opener = useRef<HTMLElement | null>(null);
  const canEdit = claim.actions.includes('edit');
  const canSubmit = claim.actions.includes('submit');
  const canCancel = claim.actions.includes('cancel');
  const canDispute = claim.actions.includes('dispute');
  if (!canEdit && !canSubmit && !canCancel && !canDispute) return null;
  const resubmit = claim.status === 'action_required';
  const missing = claim.missingItems;
  const submitBlocked = missing.length > 0 || !canSubmit;

  const show = (which: Open) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(which);
  };
  const close = () => {
    setOpen(null);
    const back = opener.current;
    window.requestAnimationFrame(() => {
      if (back?.isConnected) back.focus();
      else document.querySelector<HTMLElement>('main h1')?.focus();
    });
  };

  return (
    <section className={shared.section} aria-labelledby={heading}>
      <h2 id={heading} className={shared.h2}>
        <FormattedMessage
          id={
            resubmit
              ? 'claim.actions.headingResubmit'
              : canDispute && !canEdit
                ? 'claim.actions.headingDispute'
                : 'claim.actions.heading'
          }
        />
      </h2>
      {canEdit || canSubmit ? (
        missing.length > 0 ? (
          <Text as="p" id={missingId}>
            <FormattedMessage
              id="claim.submit.missing"
              values={{
                count: missing.length,
                items: intl.formatList(
                  missing.map((k) => poeName(intl, k)),
                  { type: 'conjunction' },
                ),
              }}
            />
          </Text>
        ) : !canSubmit ? (
          <Text as="p" id={missingId}>
            <FormattedMessage id="claim.submit.notNow" />
          </Text>
        ) : (
          <Text as="p">
            <FormattedMessage id={resubmit ? 'claim.submit.readyResubmit' : 'claim.submit.ready'} />
          </Text>
        )
      ) : null}
      {canDispute && claim.disputeDueAt ? (
        <Text as="p">
          <FormattedMessage
            id="claim.dispute.window"
            values={{ date: date(intl, claim.disputeDueAt), days: claim.disputeDaysLeft ?? 0 }}
          />
        </Text>
      ) : null}
      <div className={shared.buttons}>
        {canEdit || canSubmit ? (
          <Button
            appearance="primary"
            icon={<SendRegular />}
            disabledFocusable={submitBlocked}
            aria-describedby={submitBlocked ? missingId : undefined}
            onClick={() => {
              if (!submitBlocked) show('submit');
            }}
          >
            <FormattedMessage id={resubmit ? 'claim.submit.resubmitButton' : 'claim.submit.button'} />
          </Button>
        ) : null}
        {canDispute ? (
          <Button appearance="primary" onClick={() => show('dispute')}>
            <FormattedMessage id="claim.dispute.button" />
          </Button>
        ) : null}
        {canCancel ? (
          <Button onClick={() => show('cancel')}>
            <FormattedMessage id="claim.cancel.button" />
          </Button>
        ) : null}
      </div>
      {open === 'submit' ? <SubmitDialog onClose={close} /> : null}
      {open === 'cancel' ? <CancelClaimDialog onClose={close} /> : null}
      {open === 'dispute' ? <DisputeDialog onClose={close} /> : null}
    </section>
  );
}

function useRun() {
  const intl = useIntl();
  const { claim, applied, reload } = useClaim();
  const key = useRef(crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (
    call: (key: string) => Promise<WorkshopClaim>,
    done: (next: WorkshopClaim) => string,
  ) => {
    if (busy) return false;
    setBusy(true);
    setError(null);
    try {
      const next = await call(key.current);
      applied(next, done(next));
      return true;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 410 || e.status === 422)) {
        // The state or a deadline moved on (or an item is missing): show the server's reason and the
        // claim as it is now.
        setError(errorText(intl, e));
        await reload();
      } else setError(errorText(intl, e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, claim };
}

function SubmitDialog({ onClose }: { onClose: () => void }) {
  const shared = useClaimStyles();
  const intl = useIntl();
  const { nominationId } = useClaim();
  const { run, busy, error, claim } = useRun();
  const resubmit = claim.status === 'action_required';
  const customer = claim.customer.name;

  const confirm = async () => {
    const ok = await run(
      (key) => claimsApi.submit(nominationId, key),
      (next) =>
        intl.formatMessage(
          { id: resubmit ? 'claim.submit.doneResubmit' : 'claim.submit.done' },
          { customer, status: statusLabel(intl, next.status) },
        ),
    );
    if (ok) onClose();
  };

  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_e, d) => {
        if (!d.open && !busy) onClose();
      }}
    >
      <DialogSurface className={shared.dialog} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>
            <FormattedMessage
              id={resubmit ? 'claim.submit.titleResubmit' : 'claim.submit.title'}
              values={{ customer }}
            />
          </DialogTitle>
          <DialogContent className={shared.dialogContent}>
            <Text as="p">
              <FormattedMessage id="claim.submit.body" values={{ customer }} />
            </Text>
            {error ? (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabledFocusable={busy}
              icon={busy ? <Spinner size="tiny" /> : undefined}
              onClick={() => void confirm()}
            >
              <FormattedMessage id={resubmit ? 'claim.submit.resubmitButton' : 'claim.submit.button'} />
            </Button>
            <Button disabled={busy} onClick={onClose}>
              <FormattedMessage id="claim.dialog.back" />
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** The contract's limits of a justification, for the hint and the field. */
const JUSTIFICATION = lengthLimits(DisputeBody.shape.justification);

function DisputeDialog({ onClose }: { onClose: () => void }) {
  const intl = useIntl();
  const { nominationId } = useClaim();
  const { run, busy, error, claim } = useRun();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const count = text.trim().length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { justification: text.trim() };
    const found = fieldErrors(intl, DisputeBody, body, {
      justification: { invalid: 'claim.dispute.length', values: JUSTIFICATION },
    }).justification;
    if (found) {
      setFieldError(found);
      return;
    }
    const ok = await run(
      (key) => claimsApi.dispute(nominationId, body, key),
      () => intl.formatMessage({ id: 'claim.dispute.done' }, { customer: claim.customer.name }),
    );
    if (ok) onClose();
  };

  return (
    <ClaimFormDialog
      title={<FormattedMessage id="claim.dispute.title" values={{ customer: claim.customer.name }} />}
      submit="claim.dispute.send"
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text as="p">
        <FormattedMessage id="claim.dispute.intro" />
      </Text>
      {claim.disputeDueAt ? (
        <Text as="p">
          <FormattedMessage
            id="claim.dispute.window"
            values={{ date: date(intl, claim.disputeDueAt), days: claim.disputeDaysLeft ?? 0 }}
          />
        </Text>
      ) : null}
      <Field
        label={intl.formatMessage({ id: 'claim.dispute.justification' })}
        required
        hint={intl.formatMessage({ id: 'claim.dispute.count' }, { count, ...JUSTIFICATION })}
        validationMessage={fieldError}
      >
        <Textarea
          value={text}
          maxLength={JUSTIFICATION.max}
          rows={6}
          resize="vertical"
          onChange={(_e, d) => {
            setText(d.value);
            setFieldError(undefined);
          }}
        />
      </Field>
    </ClaimFormDialog>
  );
}
