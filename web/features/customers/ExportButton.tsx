import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { download } from '../../api/client.ts';
import { type CustomerQuery, engagementsApi } from '../../api/engagements.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { TAB_MESSAGE_IDS } from './labels.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS },
  status: { color: tokens.colorNeutralForeground2, minHeight: '1px' },
});

type State =
  | { kind: 'idle' }
  | { kind: 'running'; bytes: number }
  | { kind: 'done'; filename: string }
  | { kind: 'failed'; error: unknown };

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * CSV of what the tab shows (tab, search, sort: spec §3 "CSV export of what the filter shows").
 * Fetched rather than linked, so that progress, completion and failure are shown (quality §4).
 */
export function ExportButton({
  engagementId,
  code,
  query,
}: {
  engagementId: string;
  code: string | undefined;
  query: CustomerQuery;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const [state, setState] = useState<State>({ kind: 'idle' });

  // "Downloaded" speaks of the previous tab or search once they change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new query
  useEffect(
    () => setState((s) => (s.kind === 'done' ? { kind: 'idle' } : s)),
    [query.tab, query.search, query.sort, query.locationId, query.status],
  );

  const run = async () => {
    // Not aborted when the tab is switched or the page left: the download still arrives.
    if (state.kind === 'running') return;
    setState({ kind: 'running', bytes: 0 });
    try {
      const file = await download(engagementsApi.exportPath(engagementId, query), {
        accept: 'text/csv',
        onProgress: (bytes) => setState({ kind: 'running', bytes }),
      });
      const filename = file.filename ?? `${code ?? 'engagement'}-customers-${query.tab}.csv`;
      saveBlob(file.blob, filename);
      setState({ kind: 'done', filename });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };

  const running = state.kind === 'running';
  const tabName = intl.formatMessage({ id: TAB_MESSAGE_IDS[query.tab] });
  return (
    <div className={styles.root}>
      <Button
        icon={running ? <Spinner size="tiny" /> : <ArrowDownloadRegular />}
        onClick={run}
        disabledFocusable={running}
      >
        <FormattedMessage id={running ? 'customers.export.running' : 'customers.export'} />
      </Button>
      <Text role="status" size={200} className={styles.status}>
        {state.kind === 'running' && state.bytes > 0
          ? intl.formatMessage(
              { id: 'customers.export.progress' },
              {
                size: intl.formatNumber(Math.max(1, Math.round(state.bytes / 1024)), {
                  style: 'unit',
                  unit: 'kilobyte',
                }),
              },
            )
          : state.kind === 'done'
            ? intl.formatMessage({ id: 'customers.export.done' }, { filename: state.filename, tab: tabName })
            : ''}
      </Text>
      {state.kind === 'failed' ? (
        <ErrorMessage
          title={intl.formatMessage({ id: 'customers.export.failed' })}
          error={state.error}
          onRetry={run}
        />
      ) : null}
    </div>
  );
}
