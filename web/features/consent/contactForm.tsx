import { Field, Input, makeStyles, Select, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { IntlShape } from 'react-intl';
import { useIntl } from 'react-intl';
import {
  CustomerContact as CustomerContactSchema,
  PartnerContact as PartnerContactSchema,
} from '../../../src/contracts/consent.ts';
import { ApiError } from '../../api/client.ts';
import { nominationsApi } from '../../api/nominations.ts';
import type { CustomerContact, Locale, PartnerContact } from '../../api/types.ts';
import { useUser } from '../../app/contexts.ts';
import { type FieldMessages, fieldErrors } from '../../components/fieldErrors.ts';
import { LOCALE_NAMES, LOCALES } from '../../i18n/locales.ts';

// The customer's and the partner's contact (R26–R27) as form fields, checked with the contract's own
// schemas before anything is sent, and the server's field errors mapped back to them.

export interface CustomerContactInput {
  name: string;
  email: string;
  phone: string;
  locale: Locale;
}
export interface PartnerContactInput {
  name: string;
  email: string;
  phone: string;
}

/** Keys are the server's error targets (`customerContact.email`, …). */
export type ContactErrors = Partial<Record<string, string>>;

/** The words for each field of a person's contact that the contract refuses. */
export const CONTACT_FIELD_MESSAGES = {
  name: { required: 'consent.field.name.required', invalid: 'consent.field.name.invalid' },
  email: { required: 'consent.field.email.required', invalid: 'consent.field.email.invalid' },
  phone: { invalid: 'consent.field.phone.invalid' },
} as const satisfies Record<string, FieldMessages>;
const CUSTOMER_MESSAGES = {
  ...CONTACT_FIELD_MESSAGES,
  locale: { invalid: 'consent.field.locale.required' },
} as const satisfies Record<keyof CustomerContact, FieldMessages>;

export const useContactStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalS },
});

/**
 * R34, consent comes from the customer: the contact's address is at one of the customer's domains known
 * to the directory, never at the partner's own domain. The server decides; this says it before sending.
 */
export interface ContactDomainRule {
  domains: readonly string[];
  partnerDomain: string | null;
}

const domainOf = (email: string) => email.trim().toLowerCase().split('@').pop() ?? '';

/** The customer's domains (from the record) and the signed-in user's own, once the record is loaded. */
export function useContactDomainRule(nominationId: string | null): ContactDomainRule | null {
  const user = useUser();
  const [domains, setDomains] = useState<readonly string[] | null>(null);
  useEffect(() => {
    if (!nominationId) return;
    const controller = new AbortController();
    nominationsApi.get(nominationId, controller.signal).then(
      (n) => setDomains(n.customer.domains),
      () => setDomains([]),
    );
    return () => controller.abort();
  }, [nominationId]);
  return domains === null ? null : { domains, partnerDomain: domainOf(user.email) || null };
}

export function checkCustomerContact(
  intl: IntlShape,
  c: CustomerContactInput,
  rule: ContactDomainRule | null = null,
): ContactErrors {
  const errors = fieldErrors(
    intl,
    CustomerContactSchema,
    toCustomerContact(c),
    CUSTOMER_MESSAGES,
    'customerContact.',
  );
  if (rule && !errors['customerContact.email']) {
    const domain = domainOf(c.email);
    if (rule.partnerDomain && domain === rule.partnerDomain)
      errors['customerContact.email'] = intl.formatMessage({ id: 'consent.field.email.partnerDomain' });
    else if (rule.domains.length > 0 && !rule.domains.includes(domain))
      errors['customerContact.email'] = intl.formatMessage(
        { id: 'consent.field.email.notCustomer' },
        { domains: intl.formatList(rule.domains, { type: 'disjunction' }) },
      );
  }
  return errors;
}
export function checkPartnerContact(intl: IntlShape, c: PartnerContactInput): ContactErrors {
  return fieldErrors(
    intl,
    PartnerContactSchema,
    toPartnerContact(c),
    CONTACT_FIELD_MESSAGES,
    'partnerContact.',
  );
}

export function toCustomerContact(c: CustomerContactInput): CustomerContact {
  const phone = c.phone.trim();
  return { name: c.name.trim(), email: c.email.trim(), ...(phone ? { phone } : {}), locale: c.locale };
}
export function toPartnerContact(c: PartnerContactInput): PartnerContact {
  const phone = c.phone.trim();
  return { name: c.name.trim(), email: c.email.trim(), ...(phone ? { phone } : {}) };
}

/** The server's field errors (`error.target` and `details[].target`), by target; empty when none is a field. */
export function serverFieldErrors(error: unknown): ContactErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: ContactErrors = {};
  const add = (target: string | undefined, message: string) => {
    if (!target || !/^(customerContact|partnerContact)\.(name|email|phone|locale)$/.test(target)) return;
    errors[target] ??= message || error.message;
  };
  for (const d of error.details ?? []) add(d.target, d.message);
  add(error.target, error.message);
  return errors;
}

export function CustomerContactFields({
  value,
  onChange,
  errors,
  rule = null,
}: {
  value: CustomerContactInput;
  onChange: (next: CustomerContactInput, changedField: string) => void;
  errors: ContactErrors;
  /** R34: when known, the hint names the customer's domains. */
  rule?: ContactDomainRule | null;
}) {
  const styles = useContactStyles();
  const intl = useIntl();
  const set = (field: keyof CustomerContactInput, v: string) =>
    onChange({ ...value, [field]: v } as CustomerContactInput, `customerContact.${field}`);
  return (
    <div className={styles.fields}>
      <Field
        label={intl.formatMessage({ id: 'consent.field.customerName' })}
        required
        validationMessage={errors['customerContact.name']}
      >
        <Input
          value={value.name}
          maxLength={200}
          autoComplete="off"
          onChange={(_e, d) => set('name', d.value)}
        />
      </Field>
      <Field
        label={intl.formatMessage({ id: 'consent.field.customerEmail' })}
        hint={
          rule && rule.domains.length > 0
            ? intl.formatMessage(
                { id: 'consent.field.customerEmail.domains' },
                { domains: intl.formatList(rule.domains, { type: 'disjunction' }) },
              )
            : intl.formatMessage({ id: 'consent.field.customerEmail.hint' })
        }
        required
        validationMessage={errors['customerContact.email']}
      >
        <Input
          type="email"
          value={value.email}
          maxLength={254}
          autoComplete="off"
          onChange={(_e, d) => set('email', d.value)}
        />
      </Field>
      <Field
        label={intl.formatMessage({ id: 'consent.field.phoneOptional' })}
        validationMessage={errors['customerContact.phone']}
      >
        <Input
          type="tel"
          value={value.phone}
          maxLength={40}
          autoComplete="off"
          onChange={(_e, d) => set('phone', d.value)}
        />
      </Field>
      <Field
        label={intl.formatMessage({ id: 'consent.field.locale' })}
        hint={intl.formatMessage({ id: 'consent.field.locale.hint' })}
        required
        validationMessage={errors['customerContact.locale']}
      >
        <Select value={value.locale} onChange={(_e, d) => set('locale', d.value)}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

export function PartnerContactFields({
  value,
  onChange,
  errors,
}: {
  value: PartnerContactInput;
  onChange: (next: PartnerContactInput, changedField: string) => void;
  errors: ContactErrors;
}) {
  const styles = useContactStyles();
  const intl = useIntl();
  const set = (field: keyof PartnerContactInput, v: string) =>
    onChange({ ...value, [field]: v }, `partnerContact.${field}`);
  return (
    <div className={styles.fields}>
      <Field
        label={intl.formatMessage({ id: 'consent.field.partnerName' })}
        required
        validationMessage={errors['partnerContact.name']}
      >
        <Input
          value={value.name}
          maxLength={200}
          autoComplete="name"
          onChange={(_e, d) => set('name', d.value)}
        />
      </Field>
      <Field
        label={intl.formatMessage({ id: 'consent.field.partnerEmail' })}
        required
        validationMessage={errors['partnerContact.email']}
      >
        <Input
          type="email"
          value={value.email}
          maxLength={254}
          autoComplete="email"
          onChange={(_e, d) => set('email', d.value)}
        />
      </Field>
      <Field
        label={intl.formatMessage({ id: 'consent.field.phoneOptional' })}
        hint={intl.formatMessage({ id: 'consent.field.partnerPhone.hint' })}
        validationMessage={errors['partnerContact.phone']}
      >
        <Input
          type="tel"
          value={value.phone}
          maxLength={40}
          autoComplete="tel"
          onChange={(_e, d) => set('phone', d.value)}
        />
      </Field>
    </div>
  );
}
