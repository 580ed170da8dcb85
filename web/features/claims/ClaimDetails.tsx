import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { EditRegular, LockClosedRegular } from '@fluentui/react-icons';
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { claimsApi } from '../../api/claims.ts';
import { ApiError } from '../../api/client.ts';
import type { WorkshopClaimPatch } from '../../api/types.ts';
import { errorText } from '../../components/errors.ts';
import { isLocale, languageName } from '../../i18n/locales.ts';
import {
  type ContactErrors,
  CustomerContactFields,
  type CustomerContactInput,
  checkCustomerContact,
  checkPartnerContact,
  PartnerContactFields,
  type PartnerContactInput,
  serverFieldErrors,
  toCustomerContact,
  toPartnerContact,
  useContactStyles,
} from '../consent/contactForm.tsx';
import { ClaimFormDialog } from './ClaimFormDialog.tsx';
import { etagOf, useClaim, useClaimStyles } from './claimShared.ts';

// Contacts and comments for the reviewer (S7, S8). Changes are sent with If-Match (the claim's
// version): a 412 means someone else changed the claim, so the latest version is loaded and the user
// is told. A customer contact change voids an open customer-survey link; once the customer has
// answered, customer contacts are locked (409 ContactsLocked).

const COMMENTS_MAX = 4000;

/** The explanation for a refused change, or null to show the server's message. */
function conflictText(intl: ReturnType<typeof useIntl>, error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 412) return intl.formatMessage({ id: 'claim.conflict' });
  if (error.code === 'ContactsLocked') return intl.formatMessage({ id: 'claim.contacts.lockedError' });
  return null;
}

export function ClaimDetails() {
  const shared = useClaimStyles();
  const intl = useIntl();
  const { claim, nominationId, editable, applied, reload } = useClaim();
  const heading = useId();
  const commentsHint = useId();
  const [comments, setComments] = useState(claim.comments);
  const [savedComments, setSavedComments] = useState(claim.comments);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [editingContacts, setEditingContacts] = useState(false);
  const contactsButton = useRef<HTMLButtonElement>(null);

  // The claim changed on the server (another save, a reload): show its comments unless being edited.
  if (claim.comments !== savedComments) {
    setSavedComments(claim.comments);
    if (comments === savedComments) setComments(claim.comments);
  }

  const saveComments = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      const next = await claimsApi.update(nominationId, { comments: comments.trim() }, etagOf(claim));
      setSavedComments(next.claim.comments);
      setComments(next.claim.comments);
      applied(next.claim, intl.formatMessage({ id: 'claim.comments.saved' }));
    } catch (error) {
      const explained = conflictText(intl, error);
      setMessage(explained ?? errorText(intl, error));
      if (explained) await reload();
    } finally {
      setBusy(false);
    }
  };

  const p = claim.partnerContact;
  const c = claim.customerContact;
  return (
    <section className={shared.section} aria-labelledby={heading}>
      <h2 id={heading} className={shared.h2}>
        <FormattedMessage id="claim.details.heading" />
      </h2>
      <dl className={shared.facts}>
        <dt>
          <FormattedMessage id="claim.contacts.partner" />
        </dt>
        <dd>
          {p ? (
            <FormattedMessage
              id={p.phone ? 'claim.contacts.valuePhone' : 'claim.contacts.value'}
              values={{ name: p.name, email: p.email, phone: p.phone ?? '' }}
            />
          ) : (
            <FormattedMessage id="claim.contacts.none" />
          )}
        </dd>
        <dt>
          <FormattedMessage id="claim.contacts.customer" />
        </dt>
        <dd>
          {c ? (
            <>
              <FormattedMessage
                id={c.phone ? 'claim.contacts.valuePhone' : 'claim.contacts.value'}
                values={{ name: c.name, email: c.email, phone: c.phone ?? '' }}
              />{' '}
              ({languageName(c.locale, intl.locale)})
            </>
          ) : (
            <FormattedMessage id="claim.contacts.none" />
          )}
        </dd>
      </dl>
      {claim.contactsLocked ? (
        <Text as="p" className={shared.muted}>
          <LockClosedRegular aria-hidden /> <FormattedMessage id="claim.contacts.locked" />
        </Text>
      ) : null}
      {editable ? (
        <div className={shared.buttons}>
          <Button ref={contactsButton} icon={<EditRegular />} onClick={() => setEditingContacts(true)}>
            <FormattedMessage id="claim.contacts.change" />
          </Button>
        </div>
      ) : null}

      {editable ? (
        <form className={shared.stack} onSubmit={saveComments} noValidate>
          <Field
            label={intl.formatMessage({ id: 'claim.comments.label' })}
            hint={{
              id: commentsHint,
              children: intl.formatMessage(
                { id: 'claim.comments.hint' },
                { count: comments.length, max: COMMENTS_MAX },
              ),
            }}
          >
            <Textarea
              value={comments}
              maxLength={COMMENTS_MAX}
              resize="vertical"
              rows={4}
              onChange={(_e, d) => setComments(d.value)}
            />
          </Field>
          <div className={shared.buttons}>
            <Button
              type="submit"
              disabledFocusable={busy || comments.trim() === claim.comments}
              icon={busy ? <Spinner size="tiny" /> : undefined}
            >
              <FormattedMessage id="claim.comments.save" />
            </Button>
          </div>
        </form>
      ) : (
        <dl className={shared.facts}>
          <dt>
            <FormattedMessage id="claim.comments.label" />
          </dt>
          <dd className={shared.preWrap}>
            {claim.comments || <FormattedMessage id="claim.comments.none" />}
          </dd>
        </dl>
      )}
      {message ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {editingContacts ? (
        <ContactsDialog
          onClose={() => {
            setEditingContacts(false);
            window.requestAnimationFrame(() => contactsButton.current?.focus());
          }}
        />
      ) : null}
    </section>
  );
}

function ContactsDialog({ onClose }: { onClose: () => void }) {
  const shared = useClaimStyles();
  const contactStyles = useContactStyles();
  const intl = useIntl();
  const { claim, nominationId, applied, reload } = useClaim();
  const initialPartner: PartnerContactInput = {
    name: claim.partnerContact?.name ?? '',
    email: claim.partnerContact?.email ?? '',
    phone: claim.partnerContact?.phone ?? '',
  };
  const initialCustomer: CustomerContactInput = {
    name: claim.customerContact?.name ?? '',
    email: claim.customerContact?.email ?? '',
    phone: claim.customerContact?.phone ?? '',
    locale:
      claim.customerContact && isLocale(claim.customerContact.locale) ? claim.customerContact.locale : 'en',
  };
  const [partner, setPartner] = useState(initialPartner);
  const [customer, setCustomer] = useState(initialCustomer);
  const [errors, setErrors] = useState<ContactErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const patch: WorkshopClaimPatch = {};
    let found: ContactErrors = {};
    if (!same(partner, initialPartner)) {
      found = { ...found, ...checkPartnerContact(intl, partner) };
      patch.partnerContact = toPartnerContact(partner);
    }
    if (!claim.contactsLocked && !same(customer, initialCustomer)) {
      found = { ...found, ...checkCustomerContact(intl, customer) };
      patch.customerContact = toCustomerContact(customer);
    }
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length > 0) return;
    if (!patch.partnerContact && !patch.customerContact) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      const next = await claimsApi.update(nominationId, patch, etagOf(claim));
      applied(
        next.claim,
        intl.formatMessage({
          id:
            patch.customerContact &&
            claim.items.some((i) => i.kind === 'customerSurvey' && i.survey?.state === 'sent')
              ? 'claim.contacts.savedVoided'
              : 'claim.contacts.saved',
        }),
      );
      onClose();
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else {
        const explained = conflictText(intl, error);
        setMessage(explained ?? errorText(intl, error));
        if (explained) await reload();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <ClaimFormDialog
      title={<FormattedMessage id="claim.contacts.dialogTitle" />}
      submit="claim.contacts.save"
      busy={busy}
      error={message}
      onSubmit={save}
      onClose={onClose}
    >
      <fieldset className={contactStyles.fieldset}>
        <legend className={contactStyles.legend}>
          <FormattedMessage id="claim.contacts.partner" />
        </legend>
        <PartnerContactFields
          value={partner}
          errors={errors}
          onChange={(next, field) => {
            setPartner(next);
            setErrors((e) => ({ ...e, [field]: undefined }));
          }}
        />
      </fieldset>
      <fieldset className={contactStyles.fieldset}>
        <legend className={contactStyles.legend}>
          <FormattedMessage id="claim.contacts.customer" />
        </legend>
        {claim.contactsLocked ? (
          <Text as="p">
            <LockClosedRegular aria-hidden /> <FormattedMessage id="claim.contacts.locked" />
          </Text>
        ) : (
          <>
            <Text as="p" className={shared.muted}>
              <FormattedMessage id="claim.contacts.customerNote" />
            </Text>
            <CustomerContactFields
              value={customer}
              errors={errors}
              onChange={(next, field) => {
                setCustomer(next);
                setErrors((e) => ({ ...e, [field]: undefined }));
              }}
            />
          </>
        )}
      </fieldset>
    </ClaimFormDialog>
  );
}
