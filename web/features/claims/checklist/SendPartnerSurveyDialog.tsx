import { Field, Input, Text } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { SurveyContact } from '../../../../src/contracts/surveys.ts';
import { claimsApi } from '../../../api/claims.ts';
import type { PoeItem } from '../../../api/types.ts';
import { errorText } from '../../../components/errors.ts';
import { type FieldErrors, fieldErrors, hasFieldErrors } from '../../../components/fieldErrors.ts';
import { CONTACT_FIELD_MESSAGES } from '../../consent/contactForm.tsx';
import { ClaimFormDialog } from '../ClaimFormDialog.tsx';
import { useClaim } from '../claimShared.ts';

/** Sends the partner survey's link to a partner contact (S3), the claim's partner contact by default. */
export function SendPartnerSurveyDialog({ item, onClose }: { item: PoeItem; onClose: () => void }) {
  const intl = useIntl();
  const { nominationId, applied, claim } = useClaim();
  const initial = item.survey?.contact ?? claim.partnerContact;
  const [name, setName] = useState(initial?.name ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const contact = { name: name.trim(), email: email.trim() };
    const found = fieldErrors(intl, SurveyContact, contact, CONTACT_FIELD_MESSAGES);
    setErrors(found);
    setError(null);
    if (hasFieldErrors(found)) return;
    setBusy(true);
    try {
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
    <ClaimFormDialog
      title={<FormattedMessage id="claim.partnerSurvey.sendTitle" />}
      submit="claim.partnerSurvey.sendButton"
      busy={busy}
      error={error ? errorText(intl, error) : null}
      onSubmit={send}
      onClose={onClose}
    >
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
    </ClaimFormDialog>
  );
}
