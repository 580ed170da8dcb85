import { useState } from 'react';
import { useIntl } from 'react-intl';
import { claimsApi } from '../../../api/claims.ts';
import { ApiError } from '../../../api/client.ts';
import type { FileKind } from '../../../api/types.ts';
import { useSession } from '../../../app/contexts.ts';
import { errorText } from '../../../components/errors.ts';
import { fileSize, poeName, useClaim } from '../claimShared.ts';

const MB = 1024 * 1024;
/** The server's limits (src/app/claims/uploads.ts), checked here too so that a large file is not sent for nothing. */
export const UPLOAD_LIMITS: Record<FileKind, { maxBytes: number; accept: string }> = {
  findingsReport: { maxBytes: 25 * MB, accept: '.pdf,.docx,.pptx' },
  invoice: { maxBytes: 10 * MB, accept: '.pdf' },
};
export const limitMb = (kind: FileKind) => UPLOAD_LIMITS[kind].maxBytes / MB;

type UploadState =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; fraction: number }
  | { kind: 'error'; title: string; body: string };

/**
 * Uploading a POE file with its progress, and a refusal said the way the user can act on it: too
 * large (checked before sending, and 413), the wrong type (415), or any other failure.
 */
export function useFileUpload(kind: FileKind, onSettled: () => void) {
  const intl = useIntl();
  const { session } = useSession();
  const { nominationId, applied } = useClaim();
  const [state, setState] = useState<UploadState>({ kind: 'idle' });
  const busy = state.kind === 'uploading';
  const tooLarge = (file: File, title: string | null) => ({
    kind: 'error' as const,
    title: title ?? intl.formatMessage({ id: 'claim.upload.tooLarge.title' }),
    body: intl.formatMessage(
      { id: `claim.upload.tooLarge.${kind}` },
      { name: file.name, size: fileSize(intl, file.size), max: limitMb(kind) },
    ),
  });

  const upload = async (file: File) => {
    if (busy) return;
    if (file.size > UPLOAD_LIMITS[kind].maxBytes) {
      setState(tooLarge(file, null));
      return;
    }
    setState({ kind: 'uploading', name: file.name, fraction: 0 });
    try {
      const next = await claimsApi.upload(nominationId, kind, file, {
        csrfToken: session?.csrfToken ?? null,
        onProgress: (fraction) => setState({ kind: 'uploading', name: file.name, fraction }),
      });
      setState({ kind: 'idle' });
      applied(
        next,
        intl.formatMessage({ id: 'claim.upload.done' }, { kind: poeName(intl, kind), name: file.name }),
      );
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      const server = error instanceof ApiError && error.hasServerMessage ? error.message : null;
      if (status === 415)
        setState({
          kind: 'error',
          title: server ?? intl.formatMessage({ id: 'claim.upload.wrongType.title' }),
          body: intl.formatMessage({ id: `claim.upload.wrongType.${kind}` }, { name: file.name }),
        });
      else if (status === 413) setState(tooLarge(file, server));
      else
        setState({
          kind: 'error',
          title: intl.formatMessage({ id: 'claim.upload.failed' }, { name: file.name }),
          body: errorText(intl, error),
        });
    } finally {
      onSettled();
    }
  };

  return { state, busy, upload };
}
