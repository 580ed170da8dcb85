import { Button } from '@fluentui/react-components';
import { MailRegular } from '@fluentui/react-icons';
import { useId, useRef, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type { PoeItem } from '../../../api/types.ts';
import { useClaim, useClaimStyles } from '../claimShared.ts';
import { useChecklistStyles } from './checklistStyles.ts';
import { PartnerAnswers } from './PartnerAnswers.tsx';
import { PartnerSurveyDialog } from './PartnerSurveyDialog.tsx';
import { PoeItemHead } from './PoeItemHead.tsx';
import { SendPartnerSurveyDialog } from './SendPartnerSurveyDialog.tsx';
import { SurveyState } from './SurveyState.tsx';

/** The partner survey (S3): answered in the app, or sent to a partner contact to answer by link. */
export function PartnerSurveyItem({ item }: { item: PoeItem }) {
  const styles = useChecklistStyles();
  const shared = useClaimStyles();
  const { editable } = useClaim();
  const headingId = useId();
  const [open, setOpen] = useState<'answer' | 'send' | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const s = item.survey;
  const completed = s?.state === 'completed';
  const show = (which: 'answer' | 'send') => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(which);
  };
  // Focus back on the button that opened the dialog, or the item's first button when that one is gone.
  const close = () => {
    setOpen(null);
    const back = opener.current;
    window.requestAnimationFrame(() => {
      if (back?.isConnected) back.focus();
      else document.getElementById(headingId)?.closest('li')?.querySelector<HTMLElement>('button')?.focus();
    });
  };
  return (
    <div className={styles.item} data-poe="partnerSurvey">
      <PoeItemHead item={item} headingId={headingId} />
      <SurveyState item={item} />
      {s?.answers ? <PartnerAnswers answers={s.answers} /> : null}
      {editable ? (
        <div className={shared.buttons}>
          <Button appearance={completed ? 'secondary' : 'primary'} onClick={() => show('answer')}>
            <FormattedMessage id={completed ? 'claim.partnerSurvey.edit' : 'claim.partnerSurvey.answer'} />
          </Button>
          {completed ? null : (
            <Button icon={<MailRegular />} onClick={() => show('send')}>
              <FormattedMessage
                id={s?.state === 'sent' ? 'claim.partnerSurvey.resend' : 'claim.partnerSurvey.send'}
              />
            </Button>
          )}
        </div>
      ) : null}
      {open === 'answer' ? <PartnerSurveyDialog item={item} onClose={close} /> : null}
      {open === 'send' ? <SendPartnerSurveyDialog item={item} onClose={close} /> : null}
    </div>
  );
}
