import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { errorSentences } from './errors.ts';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  // A destructive confirmation is not the blue primary button (issue 15's walkthrough).
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorPaletteRedForeground1,
      color: tokens.colorNeutralForegroundOnBrand,
    },
    ':hover:active': {
      backgroundColor: tokens.colorPaletteRedForeground1,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
});

/**
 * Asks before a destructive action (deactivating a user, revoking a token or an invitation, withdrawing
 * a location, cancelling a workshop claim). The confirm button is red, not the primary blue (issue 15:
 * a destructive action is not styled as the way forward), and "Back" has the focus when it opens; the
 * dialog keeps focus until it closes, Escape or "Back" closes it without doing anything, and a refusal
 * shows the server's sentences in the dialog.
 */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  backLabel,
  onConfirm,
  onClose,
  errorTestId,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  backLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  errorTestId?: string;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  // Back is the default: Enter or Space right after the dialog opens must not do the destructive
  // thing. Fluent's Dialog focuses its first button in its own effect, which runs before this one.
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(errorSentences(intl, e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_e, d) => {
        if (!d.open && !busy) onClose();
      }}
    >
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <Text as="p">{body}</Text>
            {error ? (
              <MessageBar intent="error" layout="multiline" data-testid={errorTestId}>
                <MessageBarBody>
                  {error[0]}
                  {error.length > 1 ? (
                    <ul className={styles.list}>
                      {error.slice(1).map((text, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of sentences
                        <li key={i}>{text}</li>
                      ))}
                    </ul>
                  ) : null}
                </MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              className={styles.danger}
              disabledFocusable={busy}
              icon={busy ? <Spinner size="tiny" /> : undefined}
              onClick={() => void confirm()}
            >
              {confirmLabel}
            </Button>
            <Button ref={back} disabled={busy} onClick={onClose}>
              {backLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
