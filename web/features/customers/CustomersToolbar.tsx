import { Field, makeStyles, SearchBox, Select, tokens } from '@fluentui/react-components';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { CUSTOMER_SORTS, type CustomerSort } from '../../api/types.ts';
import type { UrlState } from './customersUrl.ts';
import { SORT_MESSAGE_IDS } from './labels.ts';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
  },
  search: { flex: '2 1 260px', minWidth: 0, maxWidth: '480px' },
  searchBox: { width: '100%', maxWidth: '100%' },
  sort: { flex: '1 1 200px', minWidth: 0, maxWidth: '280px' },
});

const SEARCH_DEBOUNCE_MS = 300;

/** Search (debounced) and sort, both kept in the URL. */
export function CustomersToolbar({
  state,
  onChange,
}: {
  state: UrlState;
  onChange: (next: Partial<UrlState>) => void;
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
      <Field className={styles.sort} label={intl.formatMessage({ id: 'customers.sort.label' })}>
        <Select value={state.sort} onChange={(_e, data) => onChange({ sort: data.value as CustomerSort })}>
          {CUSTOMER_SORTS.map((s) => (
            <option key={s} value={s}>
              {intl.formatMessage({ id: SORT_MESSAGE_IDS[s] })}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
