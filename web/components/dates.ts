import type { IntlShape } from 'react-intl';

// A deadline shown to someone who may be anywhere (the customer on the consent page, an invited
// colleague): the date, the time and the time zone it is in (issue 15: "deadlines without a time
// zone"). Explicit parts, because Intl refuses a time zone name together with dateStyle/timeStyle.
const DEADLINE: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

export const deadlineText = (intl: IntlShape, iso: string): string => intl.formatDate(iso, DEADLINE);
