import {
  Button,
  Menu,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  type MenuProps,
  MenuTrigger,
} from '@fluentui/react-components';
import { GlobeRegular } from '@fluentui/react-icons';
import { useIntl } from 'react-intl';
import { usePreferences } from '../../app/contexts.ts';
import { errorText } from '../../components/errors.ts';
import { useNotify } from '../../components/notices.tsx';
import { isLocale, LOCALE_NAMES, LOCALES } from '../../i18n/locales.ts';

/** Language menu: each language named in itself (and marked with its lang for screen readers). */
export function LocaleSwitcher() {
  const intl = useIntl();
  const notify = useNotify();
  const { locale, setLocale } = usePreferences();

  const onChange: MenuProps['onCheckedValueChange'] = (_event, { checkedItems }) => {
    const next = checkedItems[0];
    if (!isLocale(next) || next === locale) return;
    setLocale(next).catch((error: unknown) =>
      notify(
        intl.formatMessage({ id: 'shell.preferenceNotSaved' }, { reason: errorText(intl, error) }),
        'error',
      ),
    );
  };

  return (
    <Menu checkedValues={{ locale: [locale] }} onCheckedValueChange={onChange}>
      <MenuTrigger disableButtonEnhancement>
        <Button
          appearance="subtle"
          icon={<GlobeRegular />}
          aria-label={intl.formatMessage({ id: 'shell.language' }, { language: LOCALE_NAMES[locale] })}
        >
          <span lang={locale}>{LOCALE_NAMES[locale]}</span>
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {LOCALES.map((l) => (
            <MenuItemRadio key={l} name="locale" value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
