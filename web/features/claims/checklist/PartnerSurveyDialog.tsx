import { Text } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { claimsApi } from '../../../api/claims.ts';
import type { PoeItem } from '../../../api/types.ts';
import { errorText } from '../../../components/errors.ts';
import { hasFieldErrors } from '../../../components/fieldErrors.ts';
import {
  checkPartnerSurvey,
  PartnerSurveyFields,
  type PartnerSurveyInput,
  partnerSurveyInput,
  type SurveyErrors,
  serverSurveyErrors,
  toPartnerAnswers,
} from '../../survey/surveyForms.tsx';
import { ClaimFormDialog } from '../ClaimFormDialog.tsx';
import { useClaim } from '../claimShared.ts';

/** The partner survey answered in the app (S3), checked with the contract's schema before it is saved. */
export function PartnerSurveyDialog({ item, onClose }: { item: PoeItem; onClose: () => void }) {
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
    if (hasFieldErrors(found)) {
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
      if (hasFieldErrors(fields)) setErrors(fields);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ClaimFormDialog
      title={
        <FormattedMessage id="claim.partnerSurvey.dialogTitle" values={{ customer: claim.customer.name }} />
      }
      submit="claim.partnerSurvey.save"
      busy={busy}
      error={error ? errorText(intl, error) : null}
      onSubmit={save}
      onClose={onClose}
    >
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
    </ClaimFormDialog>
  );
}
