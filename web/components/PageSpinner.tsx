import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useIntl } from 'react-intl';

const useStyles = makeStyles({ root: { padding: tokens.spacingVerticalXXL } });

export function PageSpinner({ label }: { label?: string }) {
  const styles = useStyles();
  const intl = useIntl();
  return (
    <div className={styles.root}>
      <Spinner label={label ?? intl.formatMessage({ id: 'common.loading' })} />
    </div>
  );
}
