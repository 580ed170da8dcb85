import { Badge, makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { CUSTOMER_TABS, type CustomerCounts, type CustomerTab } from '../../api/types.ts';
import { TAB_MESSAGE_IDS } from './labels.ts';

const useStyles = makeStyles({
  tabs: { flexWrap: 'wrap', maxWidth: '100%' },
  tabLabel: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export const tabId = (tab: CustomerTab) => `customers-tab-${tab}`;
export const panelId = (tab: CustomerTab) => `customers-panel-${tab}`;

/** Eligible, Ineligible and Complete (R3), each with its count once known. */
export function CustomerTabs({
  tab,
  counts,
  onSelect,
}: {
  tab: CustomerTab;
  counts: CustomerCounts | undefined;
  onSelect: (tab: CustomerTab) => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  return (
    <TabList
      className={styles.tabs}
      selectedValue={tab}
      onTabSelect={(_e, data) => onSelect(data.value as CustomerTab)}
      aria-label={intl.formatMessage({ id: 'customers.tabs' })}
    >
      {CUSTOMER_TABS.map((t) => (
        <Tab key={t} value={t} id={tabId(t)} aria-controls={panelId(t)}>
          <span className={styles.tabLabel}>
            <FormattedMessage id={TAB_MESSAGE_IDS[t]} />
            {counts ? ' ' : null}
            {counts ? (
              <Badge appearance="tint" color="informative" shape="rounded">
                {intl.formatNumber(counts[t])}
              </Badge>
            ) : null}
          </span>
        </Tab>
      ))}
    </TabList>
  );
}
