import { Text } from '@fluentui/react-components';
import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import { CustomerSurveyItem } from './checklist/CustomerSurveyItem.tsx';
import { useChecklistStyles } from './checklist/checklistStyles.ts';
import { FileItem } from './checklist/FileItem.tsx';
import { PartnerSurveyItem } from './checklist/PartnerSurveyItem.tsx';
import { useClaim, useClaimStyles } from './claimShared.ts';

// The proof-of-execution checklist (spec §4.4, S1–S4): four items, completed in any order, each with
// its state and what can be done about it now (one file per kind of item in checklist/).

export function ClaimChecklist() {
  const styles = useChecklistStyles();
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
