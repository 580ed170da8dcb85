import {
  Button,
  Link as FluentLink,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  ProgressBar,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowUploadRegular } from '@fluentui/react-icons';
import { type DragEvent, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { claimsApi } from '../../../api/claims.ts';
import type { FileKind, PoeItem } from '../../../api/types.ts';
import { useVisuallyHidden } from '../../../components/visuallyHidden.ts';
import { dateTime, fileSize, poeName, useClaim, useClaimStyles } from '../claimShared.ts';
import { useChecklistStyles } from './checklistStyles.ts';
import { PoeItemHead } from './PoeItemHead.tsx';
import { limitMb, UPLOAD_LIMITS, useFileUpload } from './useFileUpload.ts';

/** The findings report or the invoice (S1, S2): the file uploaded, and Upload / Replace (or drop a file). */
export function FileItem({ item, kind }: { item: PoeItem; kind: FileKind }) {
  const styles = useChecklistStyles();
  const shared = useClaimStyles();
  const hidden = useVisuallyHidden();
  const intl = useIntl();
  const { nominationId, editable } = useClaim();
  const input = useRef<HTMLInputElement>(null);
  // The same file can be chosen again after a refusal.
  const { state, busy, upload } = useFileUpload(kind, () => {
    if (input.current) input.current.value = '';
  });
  const [dropping, setDropping] = useState(false);
  const headingId = useId();
  const hintId = useId();
  const kindName = poeName(intl, kind);

  const onDrop = (event: DragEvent) => {
    if (!editable) return;
    event.preventDefault();
    setDropping(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is an extra; the button does the same
    <div
      className={mergeClasses(styles.item, dropping && styles.dropping)}
      onDragOver={(e) => {
        if (!editable) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
      data-poe={kind}
    >
      <PoeItemHead item={item} headingId={headingId} />
      {item.file ? (
        <Text as="p" className={styles.fileLine}>
          <FluentLink
            href={claimsApi.fileUrl(nominationId, kind)}
            download={item.file.name}
            aria-label={intl.formatMessage({ id: 'claim.file.download' }, { name: item.file.name })}
          >
            <ArrowDownloadRegular aria-hidden /> {item.file.name}
          </FluentLink>{' '}
          <span className={shared.muted}>
            <FormattedMessage
              id={item.file.uploadedBy ? 'claim.file.uploadedBy' : 'claim.file.uploaded'}
              values={{
                size: fileSize(intl, item.file.sizeBytes),
                date: dateTime(intl, item.file.uploadedAt),
                name: item.file.uploadedBy ?? '',
              }}
            />
          </span>
        </Text>
      ) : (
        <Text as="p" className={shared.muted}>
          <FormattedMessage id="claim.file.none" />
        </Text>
      )}
      {editable ? (
        <>
          <Text as="p" id={hintId} className={shared.muted}>
            <FormattedMessage id={`claim.file.hint.${kind}`} values={{ max: limitMb(kind) }} />
          </Text>
          <input
            ref={input}
            type="file"
            className={hidden.root}
            tabIndex={-1}
            accept={UPLOAD_LIMITS[kind].accept}
            aria-label={intl.formatMessage({ id: 'claim.file.input' }, { kind: kindName })}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          <div className={shared.buttons}>
            <Button
              icon={busy ? <Spinner size="tiny" /> : <ArrowUploadRegular />}
              disabledFocusable={busy}
              aria-describedby={hintId}
              aria-label={intl.formatMessage(
                { id: 'customers.action.label' },
                {
                  action: intl.formatMessage({ id: item.file ? 'claim.file.replace' : 'claim.file.upload' }),
                  customer: kindName,
                },
              )}
              onClick={() => input.current?.click()}
            >
              <FormattedMessage id={item.file ? 'claim.file.replace' : 'claim.file.upload'} />
            </Button>
          </div>
        </>
      ) : null}
      {state.kind === 'uploading' ? (
        <div className={shared.stack}>
          <ProgressBar
            value={state.fraction}
            max={1}
            thickness="large"
            aria-labelledby={`${headingId}-progress`}
          />
          <Text id={`${headingId}-progress`} role="status">
            <FormattedMessage
              id="claim.upload.progress"
              values={{ name: state.name, percent: Math.round(state.fraction * 100) }}
            />
          </Text>
        </div>
      ) : null}
      {state.kind === 'error' ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{state.title}</MessageBarTitle> {state.body}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
