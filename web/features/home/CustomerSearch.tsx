import { Button, Field, Input, makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { dashboardApi } from '../../api/dashboard.ts';
import type { CustomerSearchResult } from '../../api/types.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { statusLabel } from '../../components/statusLabels.ts';
import { Link } from '../../routes/router.tsx';
import { urlOf } from '../customers/customersUrl.ts';

// The partner's customers across workshops (issue 15): by name, tenant ID or email domain; each
// result links to the customer's row on each workshop's Customers page.

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  field: { flex: '1 1 14rem', minWidth: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  item: { display: 'grid', gap: tokens.spacingVerticalXXS, overflowWrap: 'anywhere' },
  name: { ...typographyStyles.body1Strong },
  workshops: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

type Result =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: CustomerSearchResult['value'] };

export function CustomerSearch() {
  const styles = useStyles();
  const intl = useIntl();
  const [text, setText] = useState('');
  const [result, setResult] = useState<Result>({ status: 'idle' });
  const search = (event?: FormEvent) => {
    event?.preventDefault();
    setResult({ status: 'loading' });
    dashboardApi
      .searchCustomers(text.trim())
      .then((found) => setResult({ status: 'ready', value: found.value }))
      .catch((error: unknown) => setResult({ status: 'error', error }));
  };
  return (
    <>
      <form className={styles.form} onSubmit={search}>
        <Field className={styles.field} label={intl.formatMessage({ id: 'home.search.label' })}>
          <Input value={text} onChange={(_e, data) => setText(data.value)} maxLength={200} type="search" />
        </Field>
        <Button type="submit" icon={<SearchRegular />}>
          <FormattedMessage id="home.search.submit" />
        </Button>
      </form>
      <div role="status">
        {result.status === 'ready' ? (
          <Text as="p">
            <FormattedMessage id="home.search.count" values={{ count: result.value.length }} />
          </Text>
        ) : null}
      </div>
      {result.status === 'error' ? (
        <ErrorMessage
          error={result.error}
          title={intl.formatMessage({ id: 'home.search.failed' })}
          onRetry={() => search()}
        />
      ) : null}
      {result.status === 'ready' && result.value.length > 0 ? (
        <ul className={styles.list}>
          {result.value.map((c) => (
            <li key={c.tenantId} className={styles.item}>
              <span className={styles.name}>{c.name}</span>
              {c.domain ? <span>{c.domain}</span> : null}
              <ul className={styles.workshops}>
                {c.workshops.map((w) => (
                  <li key={w.engagement.id}>
                    <Link href={urlOf(w.engagement.id, { tab: w.tab, search: c.tenantId, sort: 'name' })}>
                      {w.engagement.name}
                    </Link>
                    {': '}
                    {statusLabel(intl, w.status)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
