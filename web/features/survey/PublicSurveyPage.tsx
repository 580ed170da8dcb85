import {
  Button,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { CheckmarkCircleRegular } from '@fluentui/react-icons';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { publicSurveyApi } from '../../api/surveys.ts';
import type { PublicSurvey, PublicSurveyBody } from '../../api/types.ts';
import { usePreferences } from '../../app/contexts.ts';
import { errorText } from '../../components/errors.ts';
import { Page } from '../../components/Page.tsx';
import { PublicLinkError, type PublicLinkMessages } from '../../components/PublicLinkError.tsx';
import { useProgramPartner } from '../../components/programBrand.tsx';
import { isLocale } from '../../i18n/locales.ts';
import {
  CustomerSurveyFields,
  type CustomerSurveyInput,
  checkCustomerSurvey,
  checkPartnerSurvey,
  EMPTY_CUSTOMER_SURVEY,
  EMPTY_PARTNER_SURVEY,
  PartnerSurveyFields,
  type PartnerSurveyInput,
  type SurveyErrors,
  serverSurveyErrors,
  toCustomerAnswers,
  toPartnerAnswers,
} from './surveyForms.tsx';

const LINK_MESSAGES: PublicLinkMessages = {
  title: 'survey.public.title',
  expiredTitle: 'survey.public.expired.title',
  expiredBody: 'survey.public.expired.body',
  invalidTitle: 'survey.public.invalid.title',
  invalidBody: 'survey.public.invalid.body',
  contactPartner: 'survey.public.contactPartner',
};

// The survey page behind an emailed link (spec §4.4, S3–S7): no sign-in, no app shell (route access
// `public`, like the consent page). It shows whose workshop it is and the question set of the link's
// audience, in the language of the request until the visitor picks another. The server answers the
// page's HTML with 404/410 for links that are no longer valid or expired; the page renders from the
// API's answer.

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    maxWidth: '760px',
    minWidth: 0,
    boxSizing: 'border-box',
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dt': { ...typographyStyles.body1Strong },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  outcome: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  outcomeIcon: { flexShrink: 0, fontSize: '32px', color: tokens.colorPaletteGreenForeground1 },
  muted: { color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

type Load = { kind: 'loading' } | { kind: 'ready'; survey: PublicSurvey } | { kind: 'error'; error: unknown };

export default function PublicSurveyPage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  const intl = useIntl();
  const { locale, showLocale } = usePreferences();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [notice, setNotice] = useState<{ intent: 'info' | 'error'; text: string } | null>(null);
  const languageApplied = useRef(false);

  const fetchSurvey = useCallback(
    (signal?: AbortSignal) =>
      publicSurveyApi.get(token, signal).then(
        (survey) => setLoad({ kind: 'ready', survey }),
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setLoad({ kind: 'error', error });
        },
      ),
    [token],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again in the language picked (names may be localised)
  useEffect(() => {
    const controller = new AbortController();
    void fetchSurvey(controller.signal);
    return () => controller.abort();
  }, [fetchSurvey, locale]);

  // The first answer says the language of the email: show the page in it (once; the visitor's own
  // pick afterwards wins).
  const requested = load.kind === 'ready' ? load.survey.locale : null;
  useEffect(() => {
    if (!requested || languageApplied.current) return;
    languageApplied.current = true;
    if (isLocale(requested) && requested !== locale) void showLocale(requested);
  }, [requested, locale, showLocale]);

  const focusTitle = () =>
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());

  /** Sends the answers; resolves to field errors from the server (empty when handled otherwise). */
  const answer = async (answers: PublicSurveyBody['answers']): Promise<SurveyErrors> => {
    setNotice(null);
    try {
      const survey = await publicSurveyApi.answer(token, { answers });
      setLoad({ kind: 'ready', survey });
      focusTitle();
      return {};
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 410)) {
        setLoad({ kind: 'error', error });
        focusTitle();
      } else if (error instanceof ApiError && error.status === 409) {
        // Already answered (with other answers): show where it stands.
        setNotice({ intent: 'info', text: intl.formatMessage({ id: 'survey.public.alreadyAnswered' }) });
        await fetchSurvey();
        focusTitle();
      } else if (error instanceof ApiError && error.status === 429) {
        setNotice({ intent: 'error', text: intl.formatMessage({ id: 'survey.public.tooMany' }) });
      } else {
        const fields = serverSurveyErrors(error);
        if (Object.keys(fields).length > 0) return fields;
        setNotice({ intent: 'error', text: errorText(intl, error) });
      }
      return {};
    }
  };

  if (load.kind === 'loading')
    return (
      <Page title={intl.formatMessage({ id: 'survey.public.title' })}>
        <Spinner label={intl.formatMessage({ id: 'common.loading' })} />
      </Page>
    );
  if (load.kind === 'error')
    return <PublicLinkError error={load.error} onRetry={() => void fetchSurvey()} messages={LINK_MESSAGES} />;
  return <SurveyView survey={load.survey} notice={notice} onAnswer={answer} />;
}

function SurveyView({
  survey,
  notice,
  onAnswer,
}: {
  survey: PublicSurvey;
  notice: { intent: 'info' | 'error'; text: string } | null;
  onAnswer: (answers: PublicSurveyBody['answers']) => Promise<SurveyErrors>;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const isPartner = survey.questions === 'partnerSurvey.v1';
  useProgramPartner(survey.partner.name);
  const [partnerInput, setPartnerInput] = useState<PartnerSurveyInput>(EMPTY_PARTNER_SURVEY);
  const [customerInput, setCustomerInput] = useState<CustomerSurveyInput>(EMPTY_CUSTOMER_SURVEY);
  const [errors, setErrors] = useState<SurveyErrors>({});
  const [busy, setBusy] = useState(false);
  const values = {
    partner: survey.partner.name,
    customer: survey.customer.name,
    workshop: survey.workshop.name,
  };

  const noticeBar = notice ? (
    <MessageBar intent={notice.intent} layout="multiline">
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  ) : null;

  const facts = (
    <dl className={styles.facts}>
      <dt>
        <FormattedMessage id="survey.public.partner" />
      </dt>
      <dd>{survey.partner.name}</dd>
      <dt>
        <FormattedMessage id="survey.public.customer" />
      </dt>
      <dd>{survey.customer.name}</dd>
      <dt>
        <FormattedMessage id="survey.public.workshop" />
      </dt>
      <dd>{survey.workshop.name}</dd>
    </dl>
  );

  if (survey.state === 'completed')
    return (
      <Page title={intl.formatMessage({ id: 'survey.public.thanks.title' })}>
        {noticeBar}
        <div className={styles.card}>
          <div className={styles.outcome} role="status">
            <CheckmarkCircleRegular aria-hidden className={styles.outcomeIcon} />
            <Text as="p">
              <FormattedMessage
                id={isPartner ? 'survey.public.thanks.partner' : 'survey.public.thanks.customer'}
                values={values}
              />
            </Text>
          </div>
          {facts}
          <Text as="p" className={styles.muted}>
            <FormattedMessage id="survey.public.closePage" />
          </Text>
        </div>
      </Page>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = isPartner
      ? checkPartnerSurvey(intl, partnerInput)
      : checkCustomerSurvey(intl, customerInput);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Focus the first field with an error (quality §4: errors are found without looking).
      window.requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setBusy(true);
    try {
      const fields = await onAnswer(
        isPartner ? toPartnerAnswers(partnerInput) : toCustomerAnswers(customerInput),
      );
      setErrors(fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={intl.formatMessage({ id: 'survey.public.title' })}>
      {noticeBar}
      <div className={styles.card}>
        <Text as="p">
          {survey.contactName ? (
            <FormattedMessage
              id={isPartner ? 'survey.public.intro.partner' : 'survey.public.intro.customer'}
              values={{ ...values, name: survey.contactName }}
            />
          ) : (
            <FormattedMessage
              id={isPartner ? 'survey.public.introNoName.partner' : 'survey.public.introNoName.customer'}
              values={values}
            />
          )}
        </Text>
        {facts}
        {survey.dueAt ? (
          <Text as="p">
            <FormattedMessage
              id="survey.public.due"
              values={{ date: intl.formatDate(survey.dueAt, { dateStyle: 'long' }) }}
            />
          </Text>
        ) : null}
        <form className={styles.form} onSubmit={submit} noValidate>
          <Text as="p" className={styles.muted}>
            <FormattedMessage id="survey.public.requiredNote" />
          </Text>
          {isPartner ? (
            <PartnerSurveyFields
              value={partnerInput}
              errors={errors}
              disabled={busy}
              onChange={(next, field) => {
                setPartnerInput(next);
                setErrors((e) => ({ ...e, [field]: undefined }));
              }}
            />
          ) : (
            <CustomerSurveyFields
              value={customerInput}
              errors={errors}
              disabled={busy}
              onChange={(next, field) => {
                setCustomerInput(next);
                setErrors((e) => ({ ...e, [field]: undefined }));
              }}
            />
          )}
          <div className={styles.buttons}>
            <Button
              type="submit"
              appearance="primary"
              size="large"
              disabledFocusable={busy}
              icon={busy ? <Spinner size="tiny" /> : undefined}
            >
              <FormattedMessage id="survey.public.submit" />
            </Button>
          </div>
        </form>
      </div>
    </Page>
  );
}
