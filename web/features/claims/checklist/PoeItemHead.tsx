import { mergeClasses } from '@fluentui/react-components';
import { CheckmarkCircleFilled, CircleRegular } from '@fluentui/react-icons';
import { FormattedMessage, useIntl } from 'react-intl';
import type { PoeItem } from '../../../api/types.ts';
import { poeName, useClaimStyles } from '../claimShared.ts';
import { useChecklistStyles } from './checklistStyles.ts';

/** An item's name (its heading) and state: done, missing, or optional for this engagement. */
export function PoeItemHead({ item, headingId }: { item: PoeItem; headingId: string }) {
  const styles = useChecklistStyles();
  const shared = useClaimStyles();
  const intl = useIntl();
  const Icon = item.done ? CheckmarkCircleFilled : CircleRegular;
  const state = item.done
    ? 'claim.poe.state.done'
    : item.required
      ? 'claim.poe.state.missing'
      : 'claim.poe.state.optional';
  return (
    <div className={styles.itemHead}>
      <Icon
        aria-hidden
        className={mergeClasses(styles.stateIcon, item.done ? styles.done : styles.missing)}
      />
      <div className={styles.headText}>
        <h3 id={headingId} className={shared.h3}>
          {poeName(intl, item.kind)}
        </h3>
        <span className={styles.state}>
          <FormattedMessage id={state} />
          {item.required ? null : (
            <>
              {' · '}
              <FormattedMessage id="claim.poe.notRequired" />
            </>
          )}
        </span>
      </div>
    </div>
  );
}
