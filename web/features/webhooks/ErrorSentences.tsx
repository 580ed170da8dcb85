import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** What the server refused, as its localised sentences: the first as the message, the rest listed. */
export function ErrorSentences({ sentences }: { sentences: readonly string[] }) {
  const styles = useStyles();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {sentences[0]}
        {sentences.length > 1 ? (
          <ul className={styles.list}>
            {sentences.slice(1).map((text, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of sentences
              <li key={i}>{text}</li>
            ))}
          </ul>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
