import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  Spinner,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { partnerApi } from '../../api/partner.ts';
import type { IncentiveRole, PartnerLocation, PendingInvitation } from '../../api/types.ts';
import { errorSentences } from '../../components/errors.ts';
import { ROLE_MESSAGE_IDS } from '../../components/RoleName.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '480px' },
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  roles: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
  },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalXS },
});

type Choice = IncentiveRole | 'none';

/** Invites a colleague: email, name, and the incentive role per location they will have (issue 15 item 2). */
export function InviteForm({
  locations,
  onInvited,
}: {
  locations: PartnerLocation[];
  onInvited: (invitation: PendingInvitation) => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const invitation = await partnerApi.invite({
        email: email.trim(),
        name: name.trim(),
        roles: Object.entries(roles)
          .filter((entry): entry is [string, IncentiveRole] => entry[1] !== 'none')
          .map(([locationId, role]) => ({ locationId, role })),
      });
      setEmail('');
      setName('');
      setRoles({});
      onInvited(invitation);
    } catch (e) {
      setError(errorSentences(intl, e).join(' '));
      emailRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} aria-labelledby={headingId} noValidate onSubmit={(e) => void submit(e)}>
      <h2 className={styles.h2} id={headingId}>
        <FormattedMessage id="users.invite.heading" />
      </h2>
      <Field label={intl.formatMessage({ id: 'users.invite.email' })} required>
        <Input
          ref={emailRef}
          type="email"
          autoComplete="off"
          value={email}
          maxLength={254}
          onChange={(_e, d) => setEmail(d.value)}
        />
      </Field>
      <Field label={intl.formatMessage({ id: 'users.invite.name' })} required>
        <Input value={name} maxLength={200} autoComplete="off" onChange={(_e, d) => setName(d.value)} />
      </Field>
      <fieldset className={styles.roles}>
        <legend className={styles.legend}>
          <FormattedMessage id="users.invite.roles" />
        </legend>
        {locations.map((l) => (
          <Field key={l.id} label={l.name}>
            <Select
              value={roles[l.id] ?? 'none'}
              onChange={(_e, d) => setRoles((current) => ({ ...current, [l.id]: d.value as Choice }))}
            >
              <option value="none">{intl.formatMessage({ id: 'role.none' })}</option>
              <option value="incentivesAdmin">
                {intl.formatMessage({ id: ROLE_MESSAGE_IDS.incentivesAdmin })}
              </option>
              <option value="incentivesUser">
                {intl.formatMessage({ id: ROLE_MESSAGE_IDS.incentivesUser })}
              </option>
            </Select>
          </Field>
        ))}
      </fieldset>
      {error ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div>
        <Button
          type="submit"
          appearance="primary"
          disabledFocusable={busy}
          icon={busy ? <Spinner size="tiny" /> : undefined}
        >
          <FormattedMessage id="users.invite.submit" />
        </Button>
      </div>
    </form>
  );
}
