import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  ProgressBar,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { parse } from 'csv-parse/browser/esm/sync';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { download } from '../../api/client.ts';
import {
  NOMINATION_IMPORT_COLUMNS,
  NOMINATION_IMPORT_MAX_BYTES,
  type NominationImport,
  nominationImportsApi,
} from '../../api/nomination-imports.ts';
import { useSession } from '../../app/contexts.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { saveBlob } from './ExportButton.tsx';

// Bulk add from CSV (issue 14): the template, the upload, the import's progress (polled), the result
// of its first rows and the full report. Every row is added by the server through the Add customer
// rules; this dialog only shows what the import says.

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  file: { maxWidth: '100%' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  message: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

const POLL_MS = 1000;
/** How many rows of the report the dialog shows; the downloaded report has them all. */
const SHOWN_ROWS = 20;

type ReportRow = Record<string, string>;
type Step =
  | { kind: 'choose' }
  | { kind: 'uploading' }
  | { kind: 'running'; id: string; progress: NominationImport | null }
  | { kind: 'done'; id: string; progress: NominationImport; rows: ReportRow[] | null };

const OUTCOME_MESSAGE_IDS: Record<
  string,
  'customers.import.outcome.created' | 'customers.import.outcome.valid' | 'customers.import.outcome.failed'
> = {
  created: 'customers.import.outcome.created',
  valid: 'customers.import.outcome.valid',
  failed: 'customers.import.outcome.failed',
};

const TEMPLATE = `${NOMINATION_IMPORT_COLUMNS.join(',')}\r\n`;

export function ImportCustomersDialog({ onClose }: { onClose: (changed: boolean) => void }) {
  const styles = useStyles();
  const intl = useIntl();
  const csrfToken = useSession().session?.csrfToken ?? null;
  const fileHint = useId();
  const progressLabel = useId();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  // One key per chosen file and mode: a retry after a lost answer starts the same import once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const runningId = step.kind === 'running' ? step.id : null;
  useEffect(() => {
    if (!runningId) return;
    const controller = new AbortController();
    let timer = 0;
    const poll = async () => {
      try {
        const progress = await nominationImportsApi.get(runningId, controller.signal);
        if (progress.status === 'completed' || progress.status === 'failed') {
          setStep({ kind: 'done', id: runningId, progress, rows: null });
          return;
        }
        setStep({ kind: 'running', id: runningId, progress });
      } catch (cause) {
        if (controller.signal.aborted) return;
        setError(cause);
      }
      timer = window.setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [runningId]);

  // The first rows of the report, once the import is over.
  const doneId = step.kind === 'done' && step.rows === null ? step.id : null;
  useEffect(() => {
    if (!doneId) return;
    const controller = new AbortController();
    download(nominationImportsApi.reportPath(doneId), { accept: 'text/csv', signal: controller.signal })
      .then(async (report) => {
        const rows = parse(await report.blob.text(), {
          bom: true,
          columns: true,
          to: SHOWN_ROWS,
        }) as ReportRow[];
        setStep((s) => (s.kind === 'done' && s.id === doneId ? { ...s, rows } : s));
      })
      .catch((cause) => {
        if (!controller.signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [doneId]);

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setFileError(null);
    setError(null);
    setIdempotencyKey(crypto.randomUUID());
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setFileError(intl.formatMessage({ id: 'customers.import.fileRequired' }));
    if (file.size > NOMINATION_IMPORT_MAX_BYTES)
      return setFileError(intl.formatMessage({ id: 'customers.import.fileTooLarge' }));
    setError(null);
    setStep({ kind: 'uploading' });
    try {
      const { id } = await nominationImportsApi.upload(file, { dryRun, csrfToken, idempotencyKey });
      setStep({ kind: 'running', id, progress: null });
    } catch (cause) {
      setError(cause);
      setStep({ kind: 'choose' });
    }
  };

  const saveReport = async (id: string) => {
    try {
      const report = await download(nominationImportsApi.reportPath(id), { accept: 'text/csv' });
      saveBlob(report.blob, report.filename ?? `nomination-import-${id}.csv`);
    } catch (cause) {
      setError(cause);
    }
  };

  const restart = () => {
    choose(null);
    setStep({ kind: 'choose' });
  };

  const changed = step.kind === 'done' && !step.progress.dryRun && step.progress.created > 0;
  const busy = step.kind === 'uploading' || step.kind === 'running';
  return (
    <Dialog
      open
      onOpenChange={(_e, d) => {
        if (!d.open && !busy) onClose(changed);
      }}
    >
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={start}>
          <DialogBody>
            <DialogTitle>
              <FormattedMessage id="customers.import.title" />
            </DialogTitle>
            <DialogContent className={styles.form}>
              {step.kind === 'choose' || step.kind === 'uploading' ? (
                <>
                  <Text as="p">
                    <FormattedMessage id="customers.import.intro" />
                  </Text>
                  <div>
                    <Button
                      icon={<ArrowDownloadRegular />}
                      onClick={() =>
                        saveBlob(new Blob([TEMPLATE], { type: 'text/csv' }), 'customers-import-template.csv')
                      }
                    >
                      <FormattedMessage id="customers.import.template" />
                    </Button>
                  </div>
                  <Field
                    label={intl.formatMessage({ id: 'customers.import.file' })}
                    required
                    validationMessage={fileError ?? undefined}
                    hint={{ id: fileHint, children: NOMINATION_IMPORT_COLUMNS.join(', ') }}
                  >
                    {(props) => (
                      <input
                        {...props}
                        className={styles.file}
                        type="file"
                        accept=".csv,text/csv"
                        disabled={busy}
                        onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
                      />
                    )}
                  </Field>
                  <Checkbox
                    checked={dryRun}
                    disabled={busy}
                    onChange={(_e, d) => {
                      setDryRun(d.checked === true);
                      setIdempotencyKey(crypto.randomUUID());
                    }}
                    label={intl.formatMessage({ id: 'customers.import.dryRun' })}
                  />
                </>
              ) : null}
              {step.kind === 'running' ? (
                <div className={styles.stack}>
                  <Text id={progressLabel} role="status">
                    {step.progress && step.progress.status === 'running'
                      ? intl.formatMessage(
                          { id: 'customers.import.progress' },
                          { processed: step.progress.processed, total: step.progress.total },
                        )
                      : intl.formatMessage({ id: 'customers.import.queued' })}
                  </Text>
                  <ProgressBar
                    aria-labelledby={progressLabel}
                    thickness="large"
                    max={1}
                    value={step.progress?.total ? step.progress.processed / step.progress.total : undefined}
                  />
                </div>
              ) : null}
              {step.kind === 'done' ? (
                <div className={styles.stack}>
                  <ProgressBar
                    aria-label={intl.formatMessage({ id: 'customers.import.progressLabel' })}
                    thickness="large"
                    max={1}
                    value={1}
                  />
                  <Text role="status">
                    {intl.formatMessage(
                      {
                        id: step.progress.dryRun
                          ? 'customers.import.summaryDryRun'
                          : 'customers.import.summary',
                      },
                      { created: step.progress.created, failed: step.progress.failed },
                    )}
                  </Text>
                  {step.progress.status === 'failed' ? (
                    <MessageBar intent="warning" layout="multiline">
                      <MessageBarBody>
                        <FormattedMessage id="customers.import.stopped" />
                      </MessageBarBody>
                    </MessageBar>
                  ) : null}
                  {step.rows === null ? (
                    // Named: a progress bar without a name is what a screen reader cannot announce.
                    <Spinner size="tiny" label={intl.formatMessage({ id: 'common.loading' })} />
                  ) : (
                    <ReportTable rows={step.rows} />
                  )}
                  <div>
                    <Button icon={<ArrowDownloadRegular />} onClick={() => void saveReport(step.id)}>
                      <FormattedMessage id="customers.import.report" />
                    </Button>
                  </div>
                </div>
              ) : null}
              {error ? (
                <ErrorMessage
                  title={intl.formatMessage({ id: 'customers.import.uploadFailed' })}
                  error={error}
                />
              ) : null}
            </DialogContent>
            <DialogActions>
              {step.kind === 'choose' || step.kind === 'uploading' ? (
                <Button
                  appearance="primary"
                  type="submit"
                  disabledFocusable={busy}
                  icon={busy ? <Spinner size="tiny" /> : undefined}
                >
                  <FormattedMessage id={dryRun ? 'customers.import.startDryRun' : 'customers.import.start'} />
                </Button>
              ) : null}
              {step.kind === 'done' ? (
                <Button onClick={restart}>
                  <FormattedMessage id="customers.import.another" />
                </Button>
              ) : null}
              <Button disabledFocusable={busy} onClick={() => onClose(changed)}>
                <FormattedMessage id="customers.import.close" />
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function ReportTable({ rows }: { rows: ReportRow[] }) {
  const styles = useStyles();
  const intl = useIntl();
  const captionId = useId();
  return (
    <ScrollRegion labelledBy={captionId}>
      <Text id={captionId} weight="semibold">
        {intl.formatMessage({ id: 'customers.import.rowsCaption' }, { count: rows.length })}
      </Text>
      <Table size="small" aria-labelledby={captionId}>
        <TableHeader>
          <TableRow>
            {(['line', 'email', 'outcome', 'message'] as const).map((c) => (
              <TableHeaderCell key={c}>
                <FormattedMessage id={`customers.import.column.${c}`} />
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.line}>
              <TableCell>{row.line}</TableCell>
              <TableCell className={styles.message}>{row.email}</TableCell>
              <TableCell>
                <FormattedMessage
                  id={OUTCOME_MESSAGE_IDS[row.outcome ?? ''] ?? 'customers.import.outcome.pending'}
                />
              </TableCell>
              <TableCell className={styles.message}>{row.errorMessage}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}
