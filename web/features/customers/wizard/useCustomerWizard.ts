import { useEffect, useMemo, useReducer } from 'react';
import { useIntl } from 'react-intl';
import { useQuery } from '../../../api/cache.ts';
import { ApiError } from '../../../api/client.ts';
import { detailKey, fetchDetail } from '../../../api/engagements.ts';
import { nominationsApi } from '../../../api/nominations.ts';
import type { NominationList } from '../../../api/types.ts';
import { useUser } from '../../../app/contexts.ts';
import { errorText } from '../../../components/errors.ts';
import { hasFieldErrors } from '../../../components/fieldErrors.ts';
import { useIdempotencyKey } from '../../../components/wizard/useIdempotencyKey.ts';
import { claimWorkshops } from './claimWorkshops.ts';
import { checkCustomerStep, fieldOf, idFields, lookupRequest, reasonValid } from './customerCheck.ts';
import { initialState, STEPS, type WizardMode, type Workshop, wizardReducer } from './wizardState.ts';

// What the Add and Claim customer wizards do at each step: load the engagement's locations, check a
// step's input, ask the server (lookup, claim options, create) and put its answer or its error where
// it belongs. The wizard's state lives in wizardState.ts's reducer.

export interface WizardTarget {
  mode: WizardMode;
  engagementId: string;
  /** Claim: the known customer (row) being claimed. */
  customer?: { id: string; name: string };
}

export function useCustomerWizard({ mode, engagementId, customer }: WizardTarget) {
  const intl = useIntl();
  const user = useUser();
  const [state, dispatch] = useReducer(wizardReducer, initialState);
  const keyFor = useIdempotencyKey();
  const steps = STEPS[mode];
  const { step, locationId, email, idText, reason, selected, done } = state;

  const detail = useQuery(detailKey(engagementId), fetchDetail(engagementId));
  const roleLocations = useMemo(() => new Set(user.roles.map((r) => r.locationId)), [user.roles]);
  const locations = (detail.data?.locations ?? []).filter((l) => roleLocations.has(l.locationId));
  const offered = locations.filter((l) => l.enrolled && l.eligible);
  const excluded = locations.filter((l) => !(l.enrolled && l.eligible));

  // One location to choose from: chosen already.
  useEffect(() => {
    if (!locationId && offered.length > 0 && offered[0])
      dispatch({ type: 'input', name: 'locationId', value: offered[0].locationId });
  }, [locationId, offered]);

  // The lookup answers for the step-1 input it was asked about; after a change it is asked again.
  const lookupKey = `${locationId}|${email.trim().toLowerCase()}|${idText.trim().toLowerCase()}`;
  const lookup = state.lookup?.key === lookupKey ? state.lookup.value : null;
  const workshops: Workshop[] =
    mode === 'add'
      ? (lookup?.workshops ?? [])
      : state.claimOptions?.locationId === locationId
        ? state.claimOptions.value
        : [];
  const chosen = workshops.filter((w) => selected.has(w.engagementId));
  const stepName = done ? 'confirmation' : (steps[step] ?? 'review');
  const dirty = email !== '' || idText !== '' || reason !== '' || step > 0;

  // Step 1 of Add: check the fields, then ask the server who the customer is.
  const submitCustomer = async () => {
    const input = { engagementId, locationId, email, idText, reason };
    const errors = checkCustomerStep(intl, input, lookup);
    dispatch({ type: 'fieldErrors', errors });
    if (hasFieldErrors(errors)) return;
    if (lookup) {
      dispatch({ type: 'goTo', step: 1 });
      return;
    }
    dispatch({ type: 'request' });
    try {
      const value = await nominationsApi.lookup(lookupRequest(input));
      // R14: a mismatch does not block, but needs a reason before going on.
      const proceed = !value.mismatchReasonRequired || reasonValid(reason);
      dispatch({ type: 'lookedUp', key: lookupKey, value, proceed, engagementId });
    } catch (error) {
      const target = error instanceof ApiError ? fieldOf(error) : null;
      if (target) dispatch({ type: 'fieldErrors', errors: { [target]: errorText(intl, error) } });
      else dispatch({ type: 'failed', error });
    }
  };

  // Step 1 of Claim: the workshops where the chosen location is eligible (R20), this one first.
  const submitLocation = async () => {
    if (!locationId) {
      dispatch({
        type: 'fieldErrors',
        errors: { location: intl.formatMessage({ id: 'wizard.location.required' }) },
      });
      return;
    }
    dispatch({ type: 'fieldErrors', errors: {} });
    if (state.claimOptions?.locationId === locationId) {
      dispatch({ type: 'goTo', step: 1 });
      return;
    }
    dispatch({ type: 'request' });
    try {
      const value = await claimWorkshops(engagementId, locationId);
      dispatch({ type: 'claimOptions', locationId, value, engagementId });
    } catch (error) {
      dispatch({ type: 'failed', error });
    }
  };

  const submitWorkshops = () => {
    if (chosen.length === 0)
      dispatch({
        type: 'fieldErrors',
        errors: { workshops: intl.formatMessage({ id: 'wizard.workshops.required' }) },
      });
    else dispatch({ type: 'fieldErrors', errors: {}, step: 2 });
  };

  const submitNominations = async () => {
    dispatch({ type: 'request' });
    const engagementIds = chosen.map((w) => w.engagementId);
    let created: NominationList | undefined;
    try {
      if (mode === 'add') {
        const body = {
          origin: 'add' as const,
          locationId,
          engagementIds,
          email: email.trim(),
          ...idFields(idText),
          ...(lookup?.mismatchReasonRequired ? { mismatchReason: reason.trim() } : {}),
        };
        created = await nominationsApi.create(body, keyFor(body));
      } else if (customer) {
        const body = { origin: 'claim' as const, locationId, engagementIds, customerId: customer.id };
        created = await nominationsApi.create(body, keyFor(body));
      }
      // Each engagement has its own consent window: say what the records were given, not a constant.
      const consentDays = (created?.value ?? []).flatMap((n) => (n.daysLeft === null ? [] : [n.daysLeft]));
      const name = mode === 'add' ? (lookup?.tenant.name ?? email) : (customer?.name ?? '');
      // The record on this page's workshop: "Trigger customer consent now" starts from it.
      const own = created?.value.find((n) => n.engagement.id === engagementId);
      dispatch({
        type: 'created',
        count: engagementIds.length,
        name,
        consentDays,
        consentTarget: own
          ? {
              nominationId: own.id,
              name: own.customer.name,
              daysLeft: own.daysLeft,
              email: mode === 'add' ? email.trim() : (own.customerEmail ?? ''),
            }
          : null,
        step: steps.indexOf('confirmation'),
      });
    } catch (error) {
      const target = error instanceof ApiError ? fieldOf(error) : null;
      // A field of step 1: show it there.
      if (mode === 'add' && target && target !== 'workshops')
        dispatch({ type: 'fieldErrors', errors: { [target]: errorText(intl, error) }, step: 0 });
      else dispatch({ type: 'failed', error });
    }
  };

  const submit = () => {
    if (stepName === 'customer') void submitCustomer();
    else if (stepName === 'location') void submitLocation();
    else if (stepName === 'workshops') submitWorkshops();
    else if (stepName === 'review') void submitNominations();
  };

  return {
    state,
    dispatch,
    steps,
    stepName,
    detail,
    offered,
    excluded,
    lookup,
    workshops,
    chosen,
    dirty,
    submit,
  };
}
