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

const useStyles = makeStyles({
  secret: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  // No min-width wider than a 320 px page: the field shrinks and the value scrolls inside it.
  input: { flexGrow: 1, minWidth: 0, width: '100%', fontFamily: tokens.fontFamilyMonospace },
  title: { overflowWrap: 'anywhere' },
});

/**
 * A signing secret, once (after creation or rotation): with a copy button; the API never answers it
 * again. Like the API tokens page's created token.
 */
export function OnceSecret({
  title,
  secret,
  note,
  onDone,
}: {
  title: string;
  secret: string;
  /** E.g. until when the previous secret still signs. */
  note?: string;
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
          <FormattedMessage id="webhooks.secret.once" />
        </Text>
        {note ? <Text as="p">{note}</Text> : null}
        <div className={styles.secret}>
          <label htmlFor={inputId}>
            <FormattedMessage id="webhooks.secret.label" />
          </label>
          <Input id={inputId} className={styles.input} readOnly value={secret} />
          <Button onClick={() => void copy()}>
            <FormattedMessage id="webhooks.secret.copy" />
          </Button>
          <Button appearance="subtle" onClick={onDone}>
            <FormattedMessage id="webhooks.secret.done" />
          </Button>
        </div>
        <div role="status">
          {copied ? (
            <Text>
              <FormattedMessage
                id={copied === 'yes' ? 'webhooks.secret.copied' : 'webhooks.secret.copyFailed'}
              />
            </Text>
          ) : null}
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
