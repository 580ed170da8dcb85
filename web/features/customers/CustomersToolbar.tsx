import {
  Button,
  Field,
  makeStyles,
  SearchBox,
  Select,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { STATUSES_OF_TAB } from '../../../src/contracts/lifecycle.ts';
import { CUSTOMER_SORTS, type CustomerSort, type LocationEligibility } from '../../api/types.ts';
import { statusLabel } from '../../components/statusLabels.ts';
import { isFiltered, type UrlState } from './customersUrl.ts';
import { SORT_MESSAGE_IDS } from './labels.ts';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
    // A native select is as wide as its longest option ("Known to you: not claimed for this
    // workshop…"): let the controls shrink to their field, or the page scrolls sideways at 320 px.
    '& .fui-Select, & select': { minWidth: 0, maxWidth: '100%' },
  },
  search: { flex: '2 1 260px', minWidth: 0, maxWidth: '480px' },
  searchBox: { width: '100%', maxWidth: '100%' },
  sort: { flex: '1 1 200px', minWidth: 0, maxWidth: '280px' },
  filter: { flex: '1 1 200px', minWidth: 0, maxWidth: '320px' },
  // "Clear filters" lines up with the controls, under their labels.
  clear: {
    alignSelf: 'flex-end',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
  },
  note: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: 0 },
});

const SEARCH_DEBOUNCE_MS = 300;

/**
 * Search (debounced), sort, and the location and status filters (issue 15), all kept in the URL. The
 * status filter offers the statuses of the tab shown; the location filter the user's locations.
 */
export function CustomersToolbar({
  state,
  onChange,
  locations,
}: {
  state: UrlState;
  onChange: (next: Partial<UrlState>) => void;
  locations: readonly LocationEligibility[];
}) {
  const styles = useStyles();
  const intl = useIntl();
  const [text, setText] = useState(state.search);
  const pushed = useRef(state.search);
  const change = useRef(onChange);
  change.current = onChange;
  const searchHint = useId();

  // The URL changed from elsewhere (back/forward, "Clear search"): show its search.
  useEffect(() => {
    if (state.search.trim() !== pushed.current.trim()) {
      pushed.current = state.search;
      setText(state.search);
    }
  }, [state.search]);

  // Debounced: the list follows the typing without a request per keystroke.
  useEffect(() => {
    if (text.trim() === pushed.current.trim()) return;
    const timer = window.setTimeout(() => {
      pushed.current = text;
      change.current({ search: text });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    pushed.current = text;
    onChange({ search: text });
  };

  return (
    <div className={styles.toolbar}>
      {/* biome-ignore lint/a11y/useSemanticElements: a search landmark around the form (the <search> element is too new) */}
      <form role="search" className={styles.search} onSubmit={submit}>
        <Field
          label={intl.formatMessage({ id: 'customers.search.label' })}
          hint={{ id: searchHint, children: intl.formatMessage({ id: 'customers.search.hint' }) }}
        >
          <SearchBox
            className={styles.searchBox}
            value={text}
            maxLength={200}
            onChange={(_e, data) => setText(data.value)}
            dismiss={{ 'aria-label': intl.formatMessage({ id: 'customers.search.clear' }) }}
          />
        </Field>
      </form>
      <Field
        className={styles.sort}
        label={intl.formatMessage({ id: 'customers.sort.label' })}
        // Issue 15: the days-left sort mixes the partner's deadlines with the program's review.
        hint={
          state.sort === 'daysLeft' || state.sort === '-daysLeft'
            ? intl.formatMessage({ id: 'customers.sort.daysLeftHint' })
            : undefined
        }
      >
        <Select value={state.sort} onChange={(_e, data) => onChange({ sort: data.value as CustomerSort })}>
          {CUSTOMER_SORTS.map((s) => (
            <option key={s} value={s}>
              {intl.formatMessage({ id: SORT_MESSAGE_IDS[s] })}
            </option>
          ))}
        </Select>
      </Field>
      <Field className={styles.filter} label={intl.formatMessage({ id: 'customers.filter.location' })}>
        <Select value={state.locationId} onChange={(_e, data) => onChange({ locationId: data.value })}>
          <option value="">{intl.formatMessage({ id: 'customers.filter.location.all' })}</option>
          {locations.map((l) => (
            <option key={l.locationId} value={l.locationId}>
              {intl.formatMessage(
                { id: 'customers.filter.location.option' },
                { name: l.name, mpnId: l.mpnId },
              )}
            </option>
          ))}
        </Select>
      </Field>
      <Field className={styles.filter} label={intl.formatMessage({ id: 'customers.filter.status' })}>
        <Select value={state.status} onChange={(_e, data) => onChange({ status: data.value })}>
          <option value="">{intl.formatMessage({ id: 'customers.filter.status.all' })}</option>
          {STATUSES_OF_TAB[state.tab].map((s) => (
            <option key={s} value={s}>
              {statusLabel(intl, s)}
            </option>
          ))}
        </Select>
      </Field>
      {isFiltered(state) ? (
        <div className={styles.clear}>
          <Button onClick={() => onChange({ locationId: '', status: '' })}>
            {intl.formatMessage({ id: 'customers.filter.clear' })}
          </Button>
          {/* Decided in issue 15: the tabs keep counting the tab with its search, and say so here. */}
          <Text as="p" className={styles.note}>
            {intl.formatMessage({ id: 'customers.filter.countsNote' })}
          </Text>
        </div>
      ) : null}
    </div>
  );
}
