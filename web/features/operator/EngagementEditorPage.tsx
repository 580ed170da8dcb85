import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Switch,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { invalidate } from '../../api/cache.ts';
import { ApiError } from '../../api/client.ts';
import { type EditableEngagement, operatorApi } from '../../api/operator.ts';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { errorText } from '../../components/errors.ts';
import { formatMoney, minorDigits } from '../../components/money.ts';
import { useNotify } from '../../components/notices.tsx';
import { Page } from '../../components/Page.tsx';
import { navigate } from '../../routes/router.tsx';
import {
  AVAILABILITY,
  checkForm,
  createBody,
  emptyForm,
  type FieldErrors,
  type FieldName,
  type FormValues,
  fieldOfTarget,
  formFrom,
  KINDS,
  MARKETS,
  POE_FIELDS,
  WINDOW_FIELDS,
  WINDOWS,
} from './engagementForm.ts';
import { AVAILABILITY_IDS, KIND_IDS, POE_MESSAGE_IDS } from './labels.ts';
import { useOperatorStyles } from './styles.ts';

// The engagement editor (spec §4.5): create a new engagement or edit one, without touching the
// database. Windows apply to deadlines granted from now on. A save sends the ETag it loaded as
// If-Match; 412 (someone else saved meanwhile) reloads the saved version and says so. The server's
// field errors (`details[].target`) are shown on their fields.

type MessageId = FormatjsIntl.Message['ids'];

const WINDOW_LABELS = {
  consentWindowDays: 'operator.editor.consentWindowDays',
  claimWindowDays: 'operator.editor.claimWindowDays',
  reviewWindowDays: 'operator.editor.reviewWindowDays',
  disputeWindowDays: 'operator.editor.disputeWindowDays',
} as const;

export default function EngagementEditorPage({ params }: { params: Record<string, string> }) {
  const id = params.engagementId;
  // `key`: a new page state when going from "new" to the created engagement.
  return <Editor key={id ?? 'new'} engagementId={id ?? null} />;
}

function Editor({ engagementId }: { engagementId: string | null }) {
  const intl = useIntl();
  const styles = useOperatorStyles();
  const notify = useNotify();
  const creating = engagementId === null;
  const [loaded, setLoaded] = useState<EditableEngagement | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState<FormValues>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ intent: 'success' | 'warning' | 'error'; text: string } | null>(
    null,
  );
  const [saving, setSaving] = useState(false);
  const [focusError, setFocusError] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const m = (msg: MessageId, v?: Record<string, string | number>) => intl.formatMessage({ id: msg }, v);

  const load = useCallback(() => {
    if (!engagementId) return Promise.resolve(null);
    setLoadError(null);
    return operatorApi.engagement(engagementId).then(
      (e) => {
        setLoaded(e);
        setValues(formFrom(e.engagement));
        return e;
      },
      (error: unknown) => {
        setLoadError(error);
        return null;
      },
    );
  }, [engagementId]);
  useEffect(() => {
    void load();
  }, [load]);

  // After a failed check, the first field in error takes focus.
  useEffect(() => {
    if (focusError === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  const set = (patch: Partial<FormValues>, field?: FieldName) => {
    setValues((v) => ({ ...v, ...patch }));
    if (field && errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setMessage(null);
    const checked = checkForm(intl, values, creating);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage({ intent: 'error', text: m('operator.editor.checkFields') });
      setFocusError((n) => n + 1);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      if (creating) {
        const body = createBody(values, checked.body);
        const text = JSON.stringify(body);
        if (attempt.current?.body !== text) attempt.current = { body: text, key: crypto.randomUUID() };
        const created = await operatorApi.createEngagement(body, attempt.current.key);
        invalidate('operator:engagements');
        notify(m('operator.editor.created', { name: created.engagement.name }), 'success');
        navigate(`/operator/engagements/${encodeURIComponent(created.engagement.id)}`, { replace: true });
        return;
      }
      if (!loaded || !engagementId) return;
      const saved = await operatorApi.patchEngagement(engagementId, checked.body, loaded.etag);
      setLoaded(saved);
      setValues(formFrom(saved.engagement));
      invalidate('operator:engagements');
      invalidate('operator:queue:');
      setMessage({ intent: 'success', text: m('operator.editor.saved', { name: saved.engagement.name }) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await load();
        setMessage({ intent: 'warning', text: m('operator.editor.conflict') });
        return;
      }
      const fields: FieldErrors = {};
      if (error instanceof ApiError) {
        for (const d of error.details ?? []) {
          const field = fieldOfTarget(d.target);
          if (field && !fields[field]) fields[field] = d.message;
        }
        if (Object.keys(fields).length === 0) {
          const field = fieldOfTarget(error.target);
          if (field) fields[field] = errorText(intl, error);
        }
      }
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        setMessage({ intent: 'error', text: m('operator.editor.checkFields') });
        setFocusError((n) => n + 1);
      } else setMessage({ intent: 'error', text: errorText(intl, error) });
    } finally {
      setSaving(false);
    }
  };

  const title = creating
    ? m('operator.editor.newTitle')
    : loaded
      ? m('operator.editor.editTitle', { name: loaded.engagement.name })
      : m('operator.editor.loadingTitle');
  const before = (
    <Breadcrumbs
      items={[
        { label: m('operator.engagements.title'), href: '/operator/engagements' },
        {
          label: creating
            ? m('operator.editor.newTitle')
            : (loaded?.engagement.name ?? m('operator.editor.loadingTitle')),
        },
      ]}
    />
  );

  if (!creating && !loaded)
    return (
      <Page title={title} before={before}>
        {loadError ? (
          <ErrorMessage error={loadError} onRetry={() => void load()} />
        ) : (
          <Spinner label={m('common.loading')} />
        )}
      </Page>
    );

  const field = (name: FieldName) => ({
    validationMessage: errors[name],
    validationState: errors[name] ? ('error' as const) : ('none' as const),
  });
  const currency = /^[A-Z]{3}$/.test(values.currency.trim().toUpperCase())
    ? values.currency.trim().toUpperCase()
    : 'USD';
  const digits = minorDigits(currency);

  return (
    <Page title={title} before={before}>
      {message ? (
        <MessageBar intent={message.intent} layout="multiline">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      <form ref={form} className={styles.form} onSubmit={save} noValidate>
        <fieldset className={styles.fieldset}>
          <legend>
            <FormattedMessage id="operator.editor.general" />
          </legend>
          <div className={styles.grid}>
            <Field
              label={m('operator.editor.code')}
              required={creating}
              hint={creating ? m('operator.editor.codeHint') : undefined}
              {...field('code')}
            >
              <Input
                value={values.code}
                readOnly={!creating}
                maxLength={32}
                onChange={(_e, d) => set({ code: d.value.toUpperCase() }, 'code')}
              />
            </Field>
            <Field label={m('operator.editor.kind')} {...field('kind')}>
              <Select
                value={values.kind}
                disabled={!creating}
                onChange={(_e, d) => set({ kind: d.value as FormValues['kind'] }, 'kind')}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {m(KIND_IDS[k])}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Field label={m('operator.editor.name')} required {...field('name')}>
            <Input value={values.name} maxLength={200} onChange={(_e, d) => set({ name: d.value }, 'name')} />
          </Field>
          <Field label={m('operator.editor.description')} {...field('description')}>
            <Textarea
              value={values.description}
              maxLength={4000}
              resize="vertical"
              onChange={(_e, d) => set({ description: d.value }, 'description')}
            />
          </Field>
          <div className={styles.grid}>
            <Field label={m('operator.editor.solutionArea')} required {...field('solutionArea')}>
              <Input
                value={values.solutionArea}
                maxLength={100}
                onChange={(_e, d) => set({ solutionArea: d.value }, 'solutionArea')}
              />
            </Field>
            <Field label={m('operator.editor.availability')} {...field('availability')}>
              <Select
                value={values.availability}
                onChange={(_e, d) =>
                  set({ availability: d.value as FormValues['availability'] }, 'availability')
                }
              >
                {AVAILABILITY.map((a) => (
                  <option key={a} value={a}>
                    {m(AVAILABILITY_IDS[a])}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend>
            <FormattedMessage id="operator.editor.windows" />
          </legend>
          <Text className={styles.muted}>
            <FormattedMessage id="operator.editor.windowsNote" />
          </Text>
          <div className={styles.grid}>
            {WINDOW_FIELDS.map((w) => (
              <Field
                key={w}
                label={m(WINDOW_LABELS[w])}
                required
                hint={m('operator.editor.rangeHint', { min: WINDOWS[w].min, max: WINDOWS[w].max })}
                {...field(w)}
              >
                <Input
                  type="number"
                  inputMode="numeric"
                  min={WINDOWS[w].min}
                  max={WINDOWS[w].max}
                  step={1}
                  value={values.windows[w]}
                  onChange={(_e, d) => set({ windows: { ...values.windows, [w]: d.value } }, w)}
                />
              </Field>
            ))}
          </div>
          <Field
            label={m('operator.editor.reminderDays')}
            hint={m('operator.editor.reminderDaysHint')}
            {...field('reminderDays')}
          >
            <Input
              value={values.reminderDays}
              onChange={(_e, d) => set({ reminderDays: d.value }, 'reminderDays')}
            />
          </Field>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend>
            <FormattedMessage id="operator.editor.poe" />
          </legend>
          <Text className={styles.muted}>
            <FormattedMessage id="operator.editor.poeNote" />
          </Text>
          {POE_FIELDS.map((p) => (
            <Switch
              key={p}
              label={m(POE_MESSAGE_IDS[p])}
              checked={values.poe[p]}
              onChange={(_e, d) => set({ poe: { ...values.poe, [p]: d.checked } })}
            />
          ))}
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend>
            <FormattedMessage id="operator.editor.rates" />
          </legend>
          <Text className={styles.muted}>
            <FormattedMessage id="operator.editor.ratesNote" />
          </Text>
          <div className={styles.grid}>
            <Field
              label={m('operator.editor.currency')}
              required
              hint={m('operator.editor.currencyHint')}
              {...field('currency')}
            >
              <Input
                value={values.currency}
                maxLength={3}
                onChange={(_e, d) => set({ currency: d.value.toUpperCase() }, 'currency')}
              />
            </Field>
            {MARKETS.map((market) => {
              const text = values.rates[market].trim().replace(',', '.');
              const amount =
                text !== '' && !Number.isNaN(Number(text)) ? Math.round(Number(text) * 10 ** digits) : null;
              return (
                <Field
                  key={market}
                  label={m('operator.editor.rate', { market })}
                  hint={
                    amount !== null ? formatMoney(intl, amount, currency) : m('operator.editor.rateEmpty')
                  }
                  {...field(`rate${market}`)}
                >
                  <Input
                    inputMode="decimal"
                    value={values.rates[market]}
                    contentAfter={<span aria-hidden>{currency}</span>}
                    onChange={(_e, d) =>
                      set({ rates: { ...values.rates, [market]: d.value } }, `rate${market}`)
                    }
                  />
                </Field>
              );
            })}
          </div>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend>
            <FormattedMessage id="operator.editor.criteria" />
          </legend>
          <Field
            label={m('operator.editor.countries')}
            hint={m('operator.editor.countriesHint')}
            {...field('countries')}
          >
            <Input value={values.countries} onChange={(_e, d) => set({ countries: d.value }, 'countries')} />
          </Field>
          <Field
            label={m('operator.editor.designations')}
            hint={m('operator.editor.designationsHint')}
            {...field('designations')}
          >
            <Input
              value={values.designations}
              onChange={(_e, d) => set({ designations: d.value }, 'designations')}
            />
          </Field>
          <Field
            label={m('operator.editor.customerCriteria')}
            hint={m('operator.editor.customerCriteriaHint')}
            {...field('customerCriteria')}
          >
            <Textarea
              className={styles.mono}
              value={values.customerCriteria}
              rows={6}
              resize="vertical"
              spellCheck={false}
              onChange={(_e, d) => set({ customerCriteria: d.value }, 'customerCriteria')}
            />
          </Field>
        </fieldset>

        <div className={styles.actions}>
          <Button
            type="submit"
            appearance="primary"
            disabledFocusable={saving}
            icon={saving ? <Spinner size="tiny" /> : undefined}
          >
            <FormattedMessage id={creating ? 'operator.editor.create' : 'operator.editor.save'} />
          </Button>
          <Button type="button" disabled={saving} onClick={() => navigate('/operator/engagements')}>
            <FormattedMessage id="wizard.cancel" />
          </Button>
        </div>
      </form>
    </Page>
  );
}
