import {
  Button,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageId } from '../i18n/locales.ts';

const useStyles = makeStyles({
  secret: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  // No min-width wider than a 320 px page: the field shrinks and the value scrolls inside it.
  input: { flexGrow: 1, minWidth: 0, width: '100%', fontFamily: tokens.fontFamilyMonospace },
  title: { overflowWrap: 'anywhere' },
});

/** The words of one kind of secret (an API token, a signing secret), from its feature's catalogue keys. */
export interface OnceSecretMessages {
  /** That it is shown this once only. */
  once: MessageId;
  /** The field's label. */
  label: MessageId;
  copy: MessageId;
  copied: MessageId;
  copyFailed: MessageId;
  /** The button that dismisses it. */
  done: MessageId;
}

/**
 * A secret shown once, after it was made (an API token, a webhook signing secret): read-only with a copy
 * button; the API never answers it again. The outcome of copying is announced (role="status").
 */
export function OnceSecret({
  title,
  secret,
  note,
  messages,
  onDone,
}: {
  title: string;
  secret: string;
  /** E.g. until when the previous secret still signs. */
  note?: string;
  messages: OnceSecretMessages;
  onDone: () => void;
}) {
  const styles = useStyles();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const inputId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle className={styles.title}>{title}</MessageBarTitle>
        <Text as="p">
          <FormattedMessage id={messages.once} />
        </Text>
        {note ? <Text as="p">{note}</Text> : null}
        <div className={styles.secret}>
          <label htmlFor={inputId}>
            <FormattedMessage id={messages.label} />
          </label>
          <Input id={inputId} className={styles.input} readOnly value={secret} />
          <Button onClick={() => void copy()}>
            <FormattedMessage id={messages.copy} />
          </Button>
          <Button appearance="subtle" onClick={onDone}>
            <FormattedMessage id={messages.done} />
          </Button>
        </div>
        <div role="status">
          {copied ? (
            <Text>
              <FormattedMessage id={copied === 'yes' ? messages.copied : messages.copyFailed} />
            </Text>
          ) : null}
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
