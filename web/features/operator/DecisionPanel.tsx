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
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { DecisionComment, ReviewDecisionRequest as DecisionSchema } from '../../../src/contracts/operator.ts';
import { invalidate } from '../../api/cache.ts';
import { ApiError } from '../../api/client.ts';
import { type Decision, operatorApi } from '../../api/operator.ts';
import type { OperatorClaimDetail, ReviewDecisionRequest, ReviewDecisionResult } from '../../api/types.ts';
import { errorText } from '../../components/errors.ts';
import { fieldErrors, lengthLimits } from '../../components/fieldErrors.ts';
import { statusLabel } from '../../components/statusLabels.ts';
import { DECISION_MESSAGE_IDS } from './labels.ts';
import { useOperatorStyles } from './styles.ts';

// The operator's decision on a claim (spec §4.4): approve, reject (with a reason) or request more
// information (the comment goes to the partner). Checked here first with the contract's schema (a
// comment is required for reject and request info), then confirmed in a dialog; each confirmed
// attempt has its own Idempotency-Key, reused only when that same attempt is retried after a failure.
// 409 (the claim changed meanwhile) and 410 (the review deadline passed) are explained and the claim
// reloaded.

const ORDER: Decision[] = ['approve', 'requestInfo', 'reject'];
const COMMENT_MAX = lengthLimits(DecisionComment).max;

const CONFIRM_IDS = {
  approve: {
    title: 'operator.confirm.approve.title',
    body: 'operator.confirm.approve.body',
    button: 'operator.confirm.approve.button',
  },
  reject: {
    title: 'operator.confirm.reject.title',
    body: 'operator.confirm.reject.body',
    button: 'operator.confirm.reject.button',
  },
  requestInfo: {
    title: 'operator.confirm.requestInfo.title',
    body: 'operator.confirm.requestInfo.body',
    button: 'operator.confirm.requestInfo.button',
  },
} as const;

const needsComment = (d: Decision) => d !== 'approve';

/** The request of a decision: an approval's comment is optional and left out when empty. */
function decisionBody(decision: Decision, comment: string): ReviewDecisionRequest {
  const text = comment.trim();
  if (decision === 'approve') return { decision, ...(text ? { comment: text } : {}) };
  return { decision, comment: text };
}

export function DecisionPanel({
  claim,
  onDecided,
  onStale,
}: {
  claim: OperatorClaimDetail;
  onDecided: (claim: OperatorClaimDetail) => void;
  onStale: () => void;
}) {
  const intl = useIntl();
  const styles = useOperatorStyles();
  const headingId = useId();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ decision?: string; comment?: string }>({});
  const [confirming, setConfirming] = useState<{ body: ReviewDecisionRequest; key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [result, setResult] = useState<{ intent: 'success' | 'warning' | 'error'; text: string } | null>(
    null,
  );
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const decisionRef = useRef<HTMLDivElement>(null);

  const allowed = ORDER.filter((d) => claim.allowedDecisions.includes(d));

  const check = (event: FormEvent) => {
    event.preventDefault();
    const body = decision ? decisionBody(decision, comment) : null;
    const found = fieldErrors(intl, DecisionSchema, body ?? { comment }, {
      decision: { invalid: 'operator.decide.chooseDecision' },
      comment: { invalid: 'operator.decide.commentRequired' },
    });
    setErrors(found);
    if (found.decision) {
      decisionRef.current?.querySelector('input')?.focus();
      return;
    }
    if (found.comment) {
      commentRef.current?.focus();
      return;
    }
    if (!body) return;
    setResult(null);
    setDialogError(null);
    setConfirming({ body, key: crypto.randomUUID() });
  };

  const confirm = async () => {
    if (!confirming || busy) return;
    setBusy(true);
    setDialogError(null);
    try {
      const done: ReviewDecisionResult = await operatorApi.decide(
        claim.nominationId,
        confirming.body,
        confirming.key,
      );
      invalidate('operator:queue:');
      onDecided(done.claim);
      setConfirming(null);
      setDecision(null);
      setComment('');
      setResult({
        intent: 'success',
        text: intl.formatMessage(
          { id: 'operator.decide.done' },
          {
            decision: intl.formatMessage({ id: DECISION_MESSAGE_IDS[done.decision] }),
            status: statusLabel(intl, done.status),
          },
        ),
      });
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.status === 400 &&
        error.details?.some((d) => d.target === 'comment')
      ) {
        setConfirming(null);
        setErrors({
          comment: error.details.find((d) => d.target === 'comment')?.message ?? errorText(intl, error),
        });
        commentRef.current?.focus();
      } else if (error instanceof ApiError && (error.status === 409 || error.status === 410)) {
        setConfirming(null);
        setResult({
          intent: 'warning',
          text: `${intl.formatMessage({ id: error.status === 410 ? 'operator.decide.deadlinePassed' : 'operator.decide.conflict' })} ${errorText(intl, error)}`,
        });
        invalidate('operator:queue:');
        onStale();
      } else {
        // Network or server trouble: the same attempt (same key) may be retried from the dialog.
        setDialogError(errorText(intl, error));
      }
    } finally {
      setBusy(false);
    }
  };

  const ids = confirming ? CONFIRM_IDS[confirming.body.decision] : null;

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.h2}>
        <FormattedMessage id="operator.decide.heading" />
      </h2>
      {result ? (
        <MessageBar intent={result.intent} layout="multiline">
          <MessageBarBody>{result.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      {allowed.length === 0 ? (
        <Text as="p" className={styles.muted}>
          <FormattedMessage id="operator.decide.none" values={{ status: statusLabel(intl, claim.status) }} />
        </Text>
      ) : (
        <form className={styles.form} onSubmit={check} noValidate>
          <Field
            label={intl.formatMessage({ id: 'operator.decide.decision' })}
            required
            validationMessage={errors.decision}
            validationState={errors.decision ? 'error' : 'none'}
          >
            <RadioGroup
              ref={decisionRef}
              value={decision ?? ''}
              onChange={(_e, d) => {
                setDecision(d.value as Decision);
                setErrors({});
              }}
            >
              {allowed.map((d) => (
                <Radio key={d} value={d} label={intl.formatMessage({ id: DECISION_MESSAGE_IDS[d] })} />
              ))}
            </RadioGroup>
          </Field>
          <Field
            label={intl.formatMessage({ id: 'operator.decide.comment' })}
            required={decision !== null && needsComment(decision)}
            hint={intl.formatMessage(
              {
                id:
                  decision && !needsComment(decision)
                    ? 'operator.decide.commentHintOptional'
                    : 'operator.decide.commentHint',
              },
              { max: COMMENT_MAX, count: comment.length },
            )}
            validationMessage={errors.comment}
            validationState={errors.comment ? 'error' : 'none'}
          >
            <Textarea
              ref={commentRef}
              value={comment}
              maxLength={COMMENT_MAX}
              resize="vertical"
              rows={4}
              onChange={(_e, d) => {
                setComment(d.value);
                if (errors.comment) setErrors((e) => ({ ...e, comment: undefined }));
              }}
            />
          </Field>
          <div className={styles.actions}>
            <Button type="submit" appearance="primary">
              <FormattedMessage id="operator.decide.continue" />
            </Button>
          </div>
        </form>
      )}
      {confirming && ids ? (
        <Dialog
          open
          modalType="modal"
          onOpenChange={(_e, data) => {
            if (!data.open && !busy) setConfirming(null);
          }}
        >
          <DialogSurface aria-describedby={undefined}>
            <DialogBody>
              <DialogTitle>
                <FormattedMessage id={ids.title} values={{ customer: claim.customer.name }} />
              </DialogTitle>
              <DialogContent className={styles.section}>
                <Text as="p">
                  <FormattedMessage id={ids.body} values={{ partner: claim.partner.name }} />
                </Text>
                {confirming.body.comment ? (
                  <>
                    <Text as="p" weight="semibold">
                      <FormattedMessage id="operator.decide.comment" />
                    </Text>
                    <p className={styles.quote}>{confirming.body.comment}</p>
                  </>
                ) : null}
                {dialogError ? (
                  <MessageBar intent="error" layout="multiline">
                    <MessageBarBody>{dialogError}</MessageBarBody>
                  </MessageBar>
                ) : null}
              </DialogContent>
              <DialogActions>
                <Button
                  appearance="primary"
                  onClick={() => void confirm()}
                  disabledFocusable={busy}
                  icon={busy ? <Spinner size="tiny" /> : undefined}
                >
                  <FormattedMessage id={ids.button} />
                </Button>
                <Button disabled={busy} onClick={() => setConfirming(null)}>
                  <FormattedMessage id="wizard.cancel" />
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      ) : null}
    </section>
  );
}
