import { ToggleButton } from '@fluentui/react-components';
import { WeatherMoonRegular } from '@fluentui/react-icons';
import { useIntl } from 'react-intl';
import { usePreferences } from '../../app/contexts.ts';
import { errorText } from '../../components/errors.ts';
import { useNotify } from '../../components/notices.tsx';

/** Light/dark switch: a toggle button (aria-pressed) named "Dark theme". */
export function ThemeToggle() {
  const intl = useIntl();
  const notify = useNotify();
  const { theme, setTheme } = usePreferences();
  const dark = theme === 'dark';
  const label = intl.formatMessage({ id: 'shell.darkTheme' });
  return (
    <ToggleButton
      appearance="subtle"
      checked={dark}
      icon={<WeatherMoonRegular />}
      aria-label={label}
      title={label}
      onClick={() =>
        setTheme(dark ? 'light' : 'dark').catch((error: unknown) =>
          notify(
            intl.formatMessage({ id: 'shell.preferenceNotSaved' }, { reason: errorText(intl, error) }),
            'error',
          ),
        )
      }
    />
  );
}
