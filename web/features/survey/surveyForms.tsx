import { Field, Input, makeStyles, Radio, RadioGroup, Textarea, tokens } from '@fluentui/react-components';
import type { IntlShape } from 'react-intl';
import { useIntl } from 'react-intl';
import {
  CustomerSurveyAnswers as CustomerSurveySchema,
  PartnerSurveyAnswers as PartnerSurveySchema,
} from '../../../src/contracts/surveys.ts';
import { ApiError } from '../../api/client.ts';
import type { CustomerSurveyAnswers, PartnerSurveyAnswers } from '../../api/types.ts';
import { type FieldMessages, fieldErrors, lengthLimits } from '../../components/fieldErrors.ts';

// The two fixed question sets of a workshop claim (src/contracts/surveys.ts): the partner survey
// (answered in the app or through an emailed link) and the customer survey (public page only). The
// answers are checked with the contract's schemas, so that a mistake is shown on its field before
// anything is sent.

/** The longest free-text answer the contract takes. */
const TEXT_MAX = lengthLimits(PartnerSurveySchema.shape.topicsCovered).max;

export interface PartnerSurveyInput {
  deliveredOn: string;
  durationHours: string;
  attendees: string;
  topicsCovered: string;
  nextSteps: string;
}
export type PartnerSurveyField = keyof PartnerSurveyInput;
export type SurveyErrors = Partial<Record<string, string>>;

export const EMPTY_PARTNER_SURVEY: PartnerSurveyInput = {
  deliveredOn: '',
  durationHours: '',
  attendees: '',
  topicsCovered: '',
  nextSteps: '',
};

/** The answers given earlier (to edit them), or an empty form. */
export function partnerSurveyInput(answers: Record<string, unknown> | null | undefined): PartnerSurveyInput {
  if (!answers) return EMPTY_PARTNER_SURVEY;
  const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  return {
    deliveredOn: s(answers.deliveredOn),
    durationHours: s(answers.durationHours),
    attendees: s(answers.attendees),
    topicsCovered: s(answers.topicsCovered),
    nextSteps: s(answers.nextSteps),
  };
}

const FREE_TEXT = {
  required: 'survey.field.required',
  invalid: 'survey.field.tooLong',
  values: { max: TEXT_MAX },
} as const satisfies FieldMessages;
const PARTNER_MESSAGES = {
  deliveredOn: { invalid: 'survey.partner.deliveredOn.invalid' },
  durationHours: { invalid: 'survey.partner.durationHours.invalid' },
  attendees: { invalid: 'survey.partner.attendees.invalid' },
  topicsCovered: FREE_TEXT,
  nextSteps: FREE_TEXT,
} as const satisfies Record<keyof PartnerSurveyAnswers, FieldMessages>;

export function checkPartnerSurvey(intl: IntlShape, input: PartnerSurveyInput): SurveyErrors {
  return fieldErrors(intl, PartnerSurveySchema, toPartnerAnswers(input), PARTNER_MESSAGES);
}

export function toPartnerAnswers(input: PartnerSurveyInput): PartnerSurveyAnswers {
  return {
    deliveredOn: input.deliveredOn,
    durationHours: Number(input.durationHours.trim()),
    attendees: Number(input.attendees.trim()),
    topicsCovered: input.topicsCovered.trim(),
    nextSteps: input.nextSteps.trim(),
  };
}

/** The server's field errors (`answers.attendees`, …) by field name. */
export function serverSurveyErrors(error: unknown): SurveyErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: SurveyErrors = {};
  const add = (target: string | undefined, message: string) => {
    const field = target?.replace(/^(body\.)?answers\./, '');
    if (!field || field === target) return;
    errors[field] ??= message || error.message;
  };
  for (const d of error.details ?? []) add(d.target, d.message);
  add(error.target, error.message);
  return errors;
}

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalM },
  short: { flex: '1 1 140px', minWidth: 0, maxWidth: '220px' },
  radios: { display: 'flex', flexWrap: 'wrap' },
});

export function PartnerSurveyFields({
  value,
  errors,
  onChange,
  disabled,
}: {
  value: PartnerSurveyInput;
  errors: SurveyErrors;
  onChange: (next: PartnerSurveyInput, field: PartnerSurveyField) => void;
  disabled?: boolean;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const set = (field: PartnerSurveyField, v: string) => onChange({ ...value, [field]: v }, field);
  return (
    <div className={styles.fields}>
      <div className={styles.row}>
        <Field
          className={styles.short}
          label={intl.formatMessage({ id: 'survey.partner.deliveredOn' })}
          required
          validationMessage={errors.deliveredOn}
        >
          <Input
            type="date"
            value={value.deliveredOn}
            disabled={disabled}
            onChange={(_e, d) => set('deliveredOn', d.value)}
          />
        </Field>
        <Field
          className={styles.short}
          label={intl.formatMessage({ id: 'survey.partner.durationHours' })}
          hint={intl.formatMessage({ id: 'survey.partner.durationHours.hint' })}
          required
          validationMessage={errors.durationHours}
        >
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={40}
            step={1}
            value={value.durationHours}
            disabled={disabled}
            onChange={(_e, d) => set('durationHours', d.value)}
          />
        </Field>
        <Field
          className={styles.short}
          label={intl.formatMessage({ id: 'survey.partner.attendees' })}
          hint={intl.formatMessage({ id: 'survey.partner.attendees.hint' })}
          required
          validationMessage={errors.attendees}
        >
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={500}
            step={1}
            value={value.attendees}
            disabled={disabled}
            onChange={(_e, d) => set('attendees', d.value)}
          />
        </Field>
      </div>
      <Field
        label={intl.formatMessage({ id: 'survey.partner.topicsCovered' })}
        required
        validationMessage={errors.topicsCovered}
      >
        <Textarea
          value={value.topicsCovered}
          maxLength={TEXT_MAX}
          resize="vertical"
          disabled={disabled}
          onChange={(_e, d) => set('topicsCovered', d.value)}
        />
      </Field>
      <Field
        label={intl.formatMessage({ id: 'survey.partner.nextSteps' })}
        required
        validationMessage={errors.nextSteps}
      >
        <Textarea
          value={value.nextSteps}
          maxLength={TEXT_MAX}
          resize="vertical"
          disabled={disabled}
          onChange={(_e, d) => set('nextSteps', d.value)}
        />
      </Field>
    </div>
  );
}

// ── Customer survey ─────────────────────────────────────────────────────────────────────────────

export interface CustomerSurveyInput {
  satisfaction: string;
  wouldRecommend: '' | 'yes' | 'no';
  comments: string;
}
export const EMPTY_CUSTOMER_SURVEY: CustomerSurveyInput = {
  satisfaction: '',
  wouldRecommend: '',
  comments: '',
};

const CUSTOMER_MESSAGES = {
  satisfaction: { invalid: 'survey.customer.satisfaction.required' },
  wouldRecommend: { invalid: 'survey.customer.wouldRecommend.required' },
  comments: FREE_TEXT,
} as const satisfies Record<keyof CustomerSurveyAnswers, FieldMessages>;

export function checkCustomerSurvey(intl: IntlShape, input: CustomerSurveyInput): SurveyErrors {
  // A question not answered yet is absent (the answers sent never leave one out).
  const answers = {
    ...toCustomerAnswers(input),
    ...(input.satisfaction === '' ? { satisfaction: undefined } : {}),
    ...(input.wouldRecommend === '' ? { wouldRecommend: undefined } : {}),
  };
  return fieldErrors(intl, CustomerSurveySchema, answers, CUSTOMER_MESSAGES);
}

export function toCustomerAnswers(input: CustomerSurveyInput): CustomerSurveyAnswers {
  const comments = input.comments.trim();
  return {
    satisfaction: Number(input.satisfaction),
    wouldRecommend: input.wouldRecommend === 'yes',
    ...(comments ? { comments } : {}),
  };
}

const SATISFACTION = ['1', '2', '3', '4', '5'] as const;

export function CustomerSurveyFields({
  value,
  errors,
  onChange,
  disabled,
}: {
  value: CustomerSurveyInput;
  errors: SurveyErrors;
  onChange: (next: CustomerSurveyInput, field: keyof CustomerSurveyInput) => void;
  disabled?: boolean;
}) {
  const styles = useStyles();
  const intl = useIntl();
  return (
    <div className={styles.fields}>
      <Field
        label={intl.formatMessage({ id: 'survey.customer.satisfaction' })}
        required
        validationMessage={errors.satisfaction}
      >
        <RadioGroup
          className={styles.radios}
          value={value.satisfaction}
          disabled={disabled}
          onChange={(_e, d) => onChange({ ...value, satisfaction: d.value }, 'satisfaction')}
        >
          {SATISFACTION.map((n) => (
            <Radio
              key={n}
              value={n}
              label={intl.formatMessage({ id: `survey.customer.satisfaction.${n}` })}
            />
          ))}
        </RadioGroup>
      </Field>
      <Field
        label={intl.formatMessage({ id: 'survey.customer.wouldRecommend' })}
        required
        validationMessage={errors.wouldRecommend}
      >
        <RadioGroup
          className={styles.radios}
          value={value.wouldRecommend}
          disabled={disabled}
          onChange={(_e, d) =>
            onChange({ ...value, wouldRecommend: d.value as 'yes' | 'no' }, 'wouldRecommend')
          }
        >
          <Radio value="yes" label={intl.formatMessage({ id: 'survey.yes' })} />
          <Radio value="no" label={intl.formatMessage({ id: 'survey.no' })} />
        </RadioGroup>
      </Field>
      <Field
        label={intl.formatMessage({ id: 'survey.customer.comments' })}
        validationMessage={errors.comments}
      >
        <Textarea
          value={value.comments}
          maxLength={TEXT_MAX}
          resize="vertical"
          disabled={disabled}
          onChange={(_e, d) => onChange({ ...value, comments: d.value }, 'comments')}
        />
      </Field>
    </div>
  );
}
